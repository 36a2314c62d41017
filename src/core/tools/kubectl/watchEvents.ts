// Watch streams as the API server sends them: newline-delimited
// `{"type","object"}` events, arriving in chunks that may split a line.

export interface WatchEvent<T> {
  type: 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR' | string;
  object: T;
}

/** A chunk handler for KubeConnection.stream that calls `onEvent` once per complete event. */
export function watchEventReader<T>(onEvent: (event: WatchEvent<T>) => void): (chunk: string) => void {
  let buffer = '';
  return (chunk) => {
    buffer += chunk;
    let newline: number;
    while ((newline = buffer.indexOf('\n')) >= 0) {
      const line = buffer.slice(0, newline).trim();
      buffer = buffer.slice(newline + 1);
      if (line) onEvent(JSON.parse(line) as WatchEvent<T>);
    }
  };
}
