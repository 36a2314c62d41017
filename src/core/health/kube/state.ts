// What a Kubernetes source can say about itself, for the view to show:
// still listing, live, reconnecting (stale since a time), or failed with
// what to do. Times are milliseconds since the epoch.

export type SourceState =
  | { phase: 'listing'; lastUpdate?: number }
  | { phase: 'live'; lastUpdate: number }
  | { phase: 'reconnecting'; since: number; lastUpdate?: number; error: string; hint: string }
  | { phase: 'failed'; error: string; hint: string; lastUpdate?: number; notMeasured: boolean };
