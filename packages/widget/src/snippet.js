// The optional queue stub a site owner may paste before the script tag, so that calls to
// window.Callbell made before widget.js has loaded are kept and replayed. Built and tested.
window.Callbell =
  window.Callbell ||
  function () {
    var stub = window.Callbell;
    stub.q = stub.q || [];
    // biome-ignore lint/complexity/noArguments: the stub must stay tiny and run on ES5 browsers
    stub.q.push(arguments);
  };
