// The Kubernetes context and namespace chosen for one notebook (in VS Code,
// from the status bar): state kept in the notebook session, which kubectl
// uses when a command names no --context or -n.

import { stateKey, type Session } from '../session';

export interface KubeSessionSelection {
  context?: string;
  namespace?: string;
}

const SELECTION = stateKey<KubeSessionSelection>('kubectl selection');

/** The session's selection, to read or change; empty until something is chosen. */
export function kubeSelection(session: Session): KubeSessionSelection {
  return session.state(SELECTION, () => ({}));
}
