// What to do when a server's host name does not resolve: a note a cell shows
// beside the CLI's own message.

/** `host:port` did not resolve; `where` says where the name was written (`the URL`, `the kubeconfig's server`). */
export function unresolvedHostNote(hostPort: string, where: string): string {
  const host = hostPort.replace(/:\d+$/, '');
  return `The host name ${host} does not resolve here. Check ${where} for a typo, and that this machine's DNS (a VPN, /etc/hosts) knows it; RUNBOOK_HOSTS can send it to an address (${hostPort}=ADDRESS:PORT).`;
}
