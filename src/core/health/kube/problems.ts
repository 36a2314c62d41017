// Failures of a Kubernetes source in words that say what to do: a rejected
// credential, a missing permission, an unreachable server, an API the
// cluster does not serve (then the value is "not measured").

import { KubeTransportError } from '../../connections/kubeConnection';

export interface KubeProblem {
  /** What happened, e.g. the server's message. */
  error: string;
  /** What to do about it. */
  hint: string;
  /** The API is missing: what it would measure is "not measured" rather than unreachable. */
  notMeasured: boolean;
  /** Retrying soon will not help (credentials, permissions, a missing API). */
  lasting: boolean;
}

/** A response with an error status, or an ERROR event in a watch. */
export class KubeStatusError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** The server no longer has the requested resourceVersion (410 Gone): relist. */
export class KubeExpiredError extends KubeStatusError {
  constructor(message: string) {
    super(410, message);
  }
}

/** The error for a response body (a Status, or anything else) with an error status. */
export function statusError(status: number, text: string | undefined): KubeStatusError {
  let message = '';
  try {
    message = String((JSON.parse(text ?? '') as { message?: unknown }).message ?? '');
  } catch {
    message = (text ?? '').trim();
  }
  message ||= `the server responded with the status code ${status}`;
  return status === 410 ? new KubeExpiredError(message) : new KubeStatusError(status, message);
}

export interface ProblemSubject {
  /** The kubeconfig context. */
  context: string;
  /** host:port of the API server. */
  server: string;
  /** What was being read, e.g. `pods` or `the metrics API (metrics.k8s.io)`. */
  what: string;
}

export function describeProblem(error: unknown, subject: ProblemSubject): KubeProblem {
  const { context, server, what } = subject;
  if (error instanceof KubeStatusError) {
    if (error.status === 401) {
      return lasting(`Unauthorized (401): ${error.message}`, `Check the credentials of context "${context}" in your kubeconfig: the token or certificate may have expired.`);
    }
    if (error.status === 403) {
      return lasting(`Forbidden (403): ${error.message}`, `Check RBAC: the user of context "${context}" needs list and watch on ${what}.`);
    }
    if (error.status === 404) {
      return { error: `Not found (404): ${error.message}`, hint: `Not measured: the cluster of context "${context}" does not serve ${what}.`, notMeasured: true, lasting: true };
    }
    return passing(`${error.message} (${error.status})`, `The API server ${server} of context "${context}" answered with an error; retrying.`);
  }
  if (error instanceof KubeTransportError) {
    if (error.code === 'ECONNREFUSED') {
      return passing(error.message, `Check that the cluster is running and that context "${context}" names the right server address (${server}).`);
    }
    return passing(error.message, `Check the network path to ${server}, the server address of context "${context}".`);
  }
  const message = error instanceof Error ? error.message : String(error);
  return passing(message, `The connection to ${server} (context "${context}") was lost; reconnecting.`);
}

function lasting(error: string, hint: string): KubeProblem {
  return { error, hint, notMeasured: false, lasting: true };
}

function passing(error: string, hint: string): KubeProblem {
  return { error, hint, notMeasured: false, lasting: false };
}
