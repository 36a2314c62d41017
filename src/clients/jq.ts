// Entry point of dist/clients/jq.js, loaded by the first jq filter in a pipe.
import factory from 'jq-wasm/dist/build/jq.js';

export default factory;
