// Server-side table columns and cells of the cluster-level and configuration
// kinds: events, services, config maps, secrets, claims, nodes, namespaces,
// storage classes.
import { AGE, col, NAME, type Printer } from './printers';
import { formatLabels } from './selectors';
import { age, type Json, type KubeObject } from './util';

function serviceExternalIp(svc: KubeObject): string {
  const spec = svc.spec ?? {};
  const external: string[] = spec.externalIPs ?? [];
  switch (spec.type) {
    case 'ClusterIP':
    case 'NodePort':
      return external.length ? external.join(',') : '<none>';
    case 'LoadBalancer': {
      const lb = [...new Set<string>((svc.status?.loadBalancer?.ingress ?? []).map((i: Json) => i.ip || i.hostname).filter(Boolean))].sort();
      const all = [...lb, ...external];
      return all.length ? all.join(',') : '<pending>';
    }
    case 'ExternalName':
      return spec.externalName ?? '';
  }
  return '<unknown>';
}

function accessModes(modes: string[] | undefined): string {
  const short: Record<string, string> = { ReadWriteOnce: 'RWO', ReadOnlyMany: 'ROX', ReadWriteMany: 'RWX', ReadWriteOncePod: 'RWOP' };
  return (modes ?? []).map((m) => short[m] ?? m).join(',');
}

function eventCells(e: KubeObject, now: number): Json[] {
  const first = e.firstTimestamp ? age(e.firstTimestamp, now) : age(e.eventTime, now);
  let last = e.lastTimestamp ? age(e.lastTimestamp, now) : first;
  let count = e.count ?? 0;
  if (e.series) {
    last = age(e.series.lastObservedTime, now);
    count = e.series.count;
  } else if (!count) count = 1;
  const io = e.involvedObject ?? {};
  const target = io.name ? `${String(io.kind ?? '').toLowerCase()}/${io.name}` : String(io.kind ?? '').toLowerCase();
  const component = e.source?.component || e.reportingComponent || '';
  const host = e.source?.host || e.reportingInstance || '';
  const source = host ? `${component}, ${host}` : component;
  return [last, e.type, e.reason, target, io.fieldPath ?? '', source, String(e.message ?? '').trim(), first, count, e.metadata.name];
}

export const CLUSTER_PRINTERS: Record<string, Printer> = {
  '/events': {
    columns: [
      col('Last Seen', 'The time at which the most recent occurrence of this event was recorded.'),
      col('Type', 'Type of this event (Normal, Warning), new types could be added in the future'),
      col('Reason', 'This should be a short, machine understandable string that gives the reason for the transition into the object\'s current status.'),
      col('Object', 'The object that this event is about.'),
      col('Subobject', 'If referring to a piece of an object instead of an entire object, this string should contain a valid JSON/Go-field access statement.', 1),
      col('Source', 'The component reporting this event. Should be a short machine understandable string.', 1),
      col('Message', 'A human-readable description of the status of this operation.'),
      col('First Seen', 'The time at which the event was first recorded. (Time of server receipt is in TypeMeta.)', 1),
      col('Count', 'The number of times this event has occurred.', 1),
      { ...NAME, priority: 1 },
    ],
    cells: eventCells,
  },
  '/services': {
    columns: [
      NAME,
      col('Type', 'type determines how the Service is exposed.'),
      col('Cluster-IP', 'clusterIP is the IP address of the service and is usually assigned randomly.'),
      col('External-IP', 'externalIPs is a list of IP addresses for which nodes in the cluster will also accept traffic for this service.'),
      col('Port(s)', 'The list of ports that are exposed by this service.'),
      AGE,
      col('Selector', 'Route service traffic to pods with label keys and values matching this selector.', 1),
    ],
    cells: (s, now) => [
      s.metadata.name,
      s.spec?.type,
      s.spec?.clusterIPs?.[0] ?? '<none>',
      serviceExternalIp(s),
      (s.spec?.ports ?? []).map((p: Json) => (p.nodePort ? `${p.port}:${p.nodePort}/${p.protocol}` : `${p.port}/${p.protocol}`)).join(',') || '<none>',
      age(s.metadata.creationTimestamp, now),
      formatLabels(s.spec?.selector),
    ],
  },
  '/configmaps': {
    columns: [NAME, col('Data', 'Data contains the configuration data.'), AGE],
    cells: (c, now) => [c.metadata.name, Object.keys(c.data ?? {}).length + Object.keys(c.binaryData ?? {}).length, age(c.metadata.creationTimestamp, now)],
  },
  '/secrets': {
    columns: [NAME, col('Type', 'Used to facilitate programmatic handling of secret data.'), col('Data', 'Data contains the secret data.'), AGE],
    cells: (s, now) => [s.metadata.name, s.type, Object.keys(s.data ?? {}).length, age(s.metadata.creationTimestamp, now)],
  },
  '/persistentvolumeclaims': {
    columns: [
      NAME,
      col('Status', 'phase represents the current phase of PersistentVolumeClaim.'),
      col('Volume', 'volumeName is the binding reference to the PersistentVolume backing this claim.'),
      col('Capacity', 'capacity represents the actual resources of the underlying volume.'),
      col('Access Modes', 'accessModes contains the actual access modes the volume backing the PVC has.'),
      col('StorageClass', 'StorageClass of the pvc'),
      col('VolumeAttributesClass', 'VolumeAttributesClass of the pvc'),
      AGE,
      col('VolumeMode', 'volumeMode defines what type of volume is required by the claim.', 1),
    ],
    cells: (p, now) => {
      const bound = Boolean(p.spec?.volumeName);
      return [
        p.metadata.name,
        p.metadata.deletionTimestamp ? 'Terminating' : p.status?.phase ?? '',
        p.spec?.volumeName ?? '',
        bound ? p.status?.capacity?.storage ?? '' : '',
        bound ? accessModes(p.status?.accessModes) : '',
        p.spec?.storageClassName ?? '',
        p.spec?.volumeAttributesClassName ?? '<unset>',
        age(p.metadata.creationTimestamp, now),
        p.spec?.volumeMode ?? '<unset>',
      ];
    },
  },
  '/nodes': {
    columns: [
      NAME,
      col('Status', 'The status of the node'),
      col('Roles', 'The roles of the node'),
      AGE,
      col('Version', 'Kubelet Version reported by the node.'),
      col('Internal-IP', 'List of addresses reachable to the node.', 1),
      col('External-IP', 'List of addresses reachable to the node.', 1),
      col('OS-Image', 'OS Image reported by the node from /etc/os-release (e.g. Debian GNU/Linux 7 (wheezy)).', 1),
      col('Kernel-Version', "Kernel Version reported by the node from 'uname -r' (e.g. 3.16.0-0.bpo.4-amd64).", 1),
      col('Container-Runtime', 'ContainerRuntime Version reported by the node through runtime remote API (e.g. containerd://1.4.2).', 1),
    ],
    cells: (n, now) => {
      const ready = (n.status?.conditions ?? []).find((c: Json) => c.type === 'Ready');
      const status = [ready ? (ready.status === 'True' ? 'Ready' : 'NotReady') : 'Unknown'];
      if (n.spec?.unschedulable) status.push('SchedulingDisabled');
      const roles = Object.keys(n.metadata.labels ?? {})
        .filter((k) => k.startsWith('node-role.kubernetes.io/'))
        .map((k) => k.slice('node-role.kubernetes.io/'.length))
        .filter(Boolean)
        .sort();
      const addr = (t: string) => (n.status?.addresses ?? []).find((a: Json) => a.type === t)?.address ?? '<none>';
      const info = n.status?.nodeInfo ?? {};
      return [
        n.metadata.name,
        status.join(','),
        roles.join(',') || '<none>',
        age(n.metadata.creationTimestamp, now),
        info.kubeletVersion ?? '',
        addr('InternalIP'),
        addr('ExternalIP'),
        info.osImage || '<unknown>',
        info.kernelVersion || '<unknown>',
        info.containerRuntimeVersion || '<unknown>',
      ];
    },
  },
  '/namespaces': {
    columns: [NAME, col('Status', 'The status of the namespace'), AGE],
    cells: (n, now) => [n.metadata.name, n.status?.phase ?? '', age(n.metadata.creationTimestamp, now)],
  },
  'storage.k8s.io/storageclasses': {
    columns: [
      NAME,
      col('Provisioner', 'provisioner indicates the type of the provisioner.'),
      col('ReclaimPolicy', 'reclaimPolicy controls the reclaimPolicy for dynamically provisioned PersistentVolumes of this storage class.'),
      col('VolumeBindingMode', 'volumeBindingMode indicates how PersistentVolumeClaims should be provisioned and bound.'),
      col('AllowVolumeExpansion', 'allowVolumeExpansion shows whether the storage class allow volume expand.'),
      AGE,
    ],
    cells: (s, now) => [
      s.metadata.annotations?.['storageclass.kubernetes.io/is-default-class'] === 'true' ? `${s.metadata.name} (default)` : s.metadata.name,
      s.provisioner,
      s.reclaimPolicy ?? 'Delete',
      s.volumeBindingMode ?? 'Immediate',
      s.allowVolumeExpansion ?? false,
      age(s.metadata.creationTimestamp, now),
    ],
  },
};
