// The programs an inline code span may start with to be a command: the ones
// we run (native tools, builtins, pipe filters, watch) and the command-line
// tools an operator would type into a terminal. Plain lists, so the notebook
// renderer can use them without loading any tool.

/** Programs the runner runs itself; test/core/inline checks this against the registry, builtins and filters. */
export const PROGRAMS_WE_RUN: readonly string[] = [
  'kubectl', 'oc', 'psql', 'redis-cli', 'aws', 'curl',
  'echo', 'export', 'unset', 'cd', 'pwd', 'sleep', 'true', 'false', 'cat',
  'grep', 'egrep', 'fgrep', 'wc', 'head', 'tail', 'sort', 'uniq', 'cut', 'tr', 'awk', 'gawk', 'column', 'jq',
  'watch',
];

/**
 * Command-line tools of operations work that run in a terminal: cluster and
 * cloud CLIs, database and service tools, and the system commands runbooks
 * tell an operator to type. Words that are also everyday prose or a
 * database's own commands (`show`, `set`, `info`, `create`) are not here.
 */
export const TERMINAL_CLIS: readonly string[] = [
  'helm', 'kustomize', 'minikube', 'kind', 'k9s', 'kubectl-cnpg', 'crictl', 'ctr', 'docker', 'podman', 'nerdctl', 'etcdctl',
  'gcloud', 'gsutil', 'az', 'eksctl', 'terraform', 'vault', 'consul', 'bosh', 'cf', 'weave',
  'gitlab-ctl', 'gitlab-rake', 'gitlab-psql', 'glsh', 'chef-client', 'chef-client-disable', 'knife',
  'pg_dump', 'pg_dumpall', 'pg_restore', 'pg_basebackup', 'pg_ctl', 'pg_ctlcluster', 'pg_rewind', 'pg_isready', 'patronictl', 'pgbench',
  'redis-server', 'redis-benchmark', 'mysql', 'mongosh',
  'systemctl', 'journalctl', 'service', 'sv', 'monit', 'sudo', 'ssh', 'scp', 'rsync', 'nsenter', 'toolbox', 'sysctl', 'perf', 'strace',
  'tcpdump', 'telnet', 'nc', 'ping', 'dig', 'nslookup', 'openssl', 'wget',
  'ls', 'cp', 'mv', 'rm', 'mkdir', 'chmod', 'chown', 'df', 'du', 'ps', 'kill', 'date', 'find', 'sed', 'xargs', 'tee', 'less',
  'dpkg', 'apt', 'apt-get', 'yum', 'dnf', 'brew', 'git', 'make',
];
