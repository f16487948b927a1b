// snippet.js is plain ES5 for site owners to paste; importing it only runs the stub.
export {};
