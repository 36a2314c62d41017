// Secrets: the one masker every output passes through, and which names hold secrets.

export { Masker, MIN_SECRET_LENGTH, type MaskStream, type SecretKind } from './masker';
export { isSecretName } from './names';
