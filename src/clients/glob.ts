// Entry point of dist/clients/glob.js, loaded by the first production-target check.
export { default } from 'picomatch';
