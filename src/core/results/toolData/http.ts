// What curl emits: the response's status and timings.

export interface HttpData {
  kind: 'http';
  /** 0 when no response came. */
  status: number;
  timeTotalSeconds: number;
  timeConnectSeconds: number;
  sizeDownload: number;
  url: string;
  /** curl's exit code and message, when the transfer failed. */
  exitCode?: number;
  error?: string;
}
