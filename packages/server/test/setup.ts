import { useTestPasswordCost } from '../src/domain/secrets.ts';

// Thousands of sign-ups: hashed at scrypt's lowest cost here; test/domain/secrets.test.ts
// checks that the server itself keeps the production cost.
useTestPasswordCost();
