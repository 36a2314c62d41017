// A notebook session: the variables the user supplied, which are secret, and
// the clients opened so far. Light on purpose: the extension keeps one per
// open notebook from activation on, before the engine is loaded.

export { Session, stateKey, type StateKey } from './session';
export { isSecretName } from '../secrets';
