// Files the kubectl conformance test writes into its temporary work directory:
// the runbook's manifests (k8s/database/read-replica.yaml, k8s/cache/new-node.yaml,
// our own small versions) and a non-interactive KUBE_EDITOR.

/** k8s/database/read-replica.yaml: a streaming replica of the database and its service. */
export const READ_REPLICA = `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: postgresql-read-replica
  labels:
    app: postgresql-read-replica
spec:
  replicas: 1
  serviceName: postgresql-read-replica
  selector:
    matchLabels:
      app: postgresql-read-replica
  template:
    metadata:
      labels:
        app: postgresql-read-replica
    spec:
      containers:
      - name: postgresql
        image: postgres:15.7
        env:
        - name: PRIMARY_HOST
          value: postgresql
        ports:
        - name: postgresql
          containerPort: 5432
        resources:
          requests:
            cpu: 500m
            memory: 1Gi
  volumeClaimTemplates:
  - metadata:
      name: data
    spec:
      accessModes: [ReadWriteOnce]
      resources:
        requests:
          storage: 10Gi
---
apiVersion: v1
kind: Service
metadata:
  name: postgresql-read-replica
spec:
  selector:
    app: postgresql-read-replica
  ports:
  - name: postgresql
    port: 5432
`;

/** k8s/cache/new-node.yaml: one more cache node. */
export const NEW_NODE = `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: redis-node-4
spec:
  replicas: 1
  serviceName: redis-headless
  selector:
    matchLabels:
      app: redis-node-4
  template:
    metadata:
      labels:
        app: redis-node-4
        role: cache
    spec:
      containers:
      - name: redis
        image: redis:7.2.5
        args: ["--cluster-enabled", "yes"]
        ports:
        - containerPort: 6379
        resources:
          requests:
            cpu: 250m
            memory: 1Gi
`;

/** A non-interactive KUBE_EDITOR: replaces EDIT_FIND (a regex) with EDIT_REPLACE in the file. */
export const EDITOR = `import { readFileSync, writeFileSync } from 'node:fs';
const file = process.argv[2];
const text = readFileSync(file, 'utf8');
const next = text.replace(new RegExp(process.env.EDIT_FIND), process.env.EDIT_REPLACE);
if (next === text) { console.error('editor: pattern not found: ' + process.env.EDIT_FIND); process.exit(1); }
writeFileSync(file, next);
`;
