// The Volumes section of pods and pod templates, one entry per volume with
// its source, and the claim fields shared by PVCs and ephemeral volumes.

import { byteLength, DescribeWriter, printAnnotations, printLabels, sortedKeys, type Json } from './format';
import { Quantity } from '../../../units';
import type { Clock } from './time';

type Field = [label: string, key: string, fallback: string | number | boolean];

/** Sources printed as a type line and fixed fields (Go zero values when unset). */
const SIMPLE: Record<string, [string, Field[]]> = {
  gcePersistentDisk: ['GCEPersistentDisk (a Persistent Disk resource in Google Compute Engine)', [['PDName', 'pdName', ''], ['FSType', 'fsType', ''], ['Partition', 'partition', 0], ['ReadOnly', 'readOnly', false]]],
  awsElasticBlockStore: ['AWSElasticBlockStore (a Persistent Disk resource in AWS)', [['VolumeID', 'volumeID', ''], ['FSType', 'fsType', ''], ['Partition', 'partition', 0], ['ReadOnly', 'readOnly', false]]],
  gitRepo: ['GitRepo (a volume that is pulled from git when the pod is created)', [['Repository', 'repository', ''], ['Revision', 'revision', '']]],
  secret: ['Secret (a volume populated by a Secret)', [['SecretName', 'secretName', ''], ['Optional', 'optional', false]]],
  configMap: ['ConfigMap (a volume populated by a ConfigMap)', [['Name', 'name', ''], ['Optional', 'optional', false]]],
  nfs: ['NFS (an NFS mount that lasts the lifetime of a pod)', [['Server', 'server', ''], ['Path', 'path', ''], ['ReadOnly', 'readOnly', false]]],
  glusterfs: ["Glusterfs (a Glusterfs mount on the host that shares a pod's lifetime)", [['EndpointsName', 'endpoints', ''], ['Path', 'path', ''], ['ReadOnly', 'readOnly', false]]],
  persistentVolumeClaim: ['PersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)', [['ClaimName', 'claimName', ''], ['ReadOnly', 'readOnly', false]]],
  quobyte: ["Quobyte (a Quobyte mount on the host that shares a pod's lifetime)", [['Registry', 'registry', ''], ['Volume', 'volume', ''], ['ReadOnly', 'readOnly', false]]],
  vsphereVolume: ['vSphereVolume (a Persistent Disk resource in vSphere)', [['VolumePath', 'volumePath', ''], ['FSType', 'fsType', ''], ['StoragePolicyName', 'storagePolicyName', '']]],
  photonPersistentDisk: ['PhotonPersistentDisk (a Persistent Disk resource in photon platform)', [['PdID', 'pdID', ''], ['FSType', 'fsType', '']]],
  portworxVolume: ['PortworxVolume (a Portworx Volume resource)', [['VolumeID', 'volumeID', '']]],
  azureFile: ['AzureFile (an Azure File Service mount on the host and bind mount to the pod)', [['SecretName', 'secretName', ''], ['ShareName', 'shareName', ''], ['ReadOnly', 'readOnly', false]]],
  flocker: ['Flocker (a Flocker volume mounted by the Flocker agent)', [['DatasetName', 'datasetName', ''], ['DatasetUUID', 'datasetUUID', '']]],
  image: ['Image (a container image or OCI artifact)', [['Reference', 'reference', ''], ['PullPolicy', 'pullPolicy', '']]],
};

const ORDER = ['hostPath', 'emptyDir', 'gcePersistentDisk', 'awsElasticBlockStore', 'gitRepo', 'secret', 'configMap', 'nfs', 'glusterfs', 'persistentVolumeClaim', 'ephemeral', 'quobyte', 'downwardAPI', 'vsphereVolume', 'photonPersistentDisk', 'portworxVolume', 'fc', 'azureFile', 'flocker', 'projected', 'csi', 'image'];

export function describeVolumes(volumes: Json[] | undefined, w: DescribeWriter, space: string, clock: Clock): void {
  if (!volumes?.length) return w.write(0, `${space}Volumes:\t<none>\n`);
  w.write(0, `${space}Volumes:\n`);
  for (const volume of volumes) {
    w.write(1, `${space ? ' ' : ''}${volume.name}:\n`);
    const kind = ORDER.find((key) => volume[key] !== undefined && volume[key] !== null);
    const source = kind ? (volume[kind] as Json) : {};
    if (kind && kind in SIMPLE) {
      const [title, fields] = SIMPLE[kind];
      w.write(2, `Type:\t${title}\n` + fields.map(([label, key, fallback]) => `    ${label}:\t${source[key] ?? fallback}\n`).join(''));
    } else if (kind === 'hostPath') {
      w.write(2, `Type:\tHostPath (bare host directory volume)\n    Path:\t${source.path ?? ''}\n    HostPathType:\t${source.type ?? '<none>'}\n`);
    } else if (kind === 'emptyDir') {
      const limit = Quantity.of(source.sizeLimit);
      const size = limit.compare(Quantity.ZERO) > 0 ? Quantity.canonical(source.sizeLimit) : '<unset>';
      w.write(2, `Type:\tEmptyDir (a temporary directory that shares a pod's lifetime)\n    Medium:\t${source.medium ?? ''}\n    SizeLimit:\t${size}\n`);
    } else if (kind === 'ephemeral') {
      w.write(2, 'Type:\tEphemeralVolume (an inline specification for a volume that gets created and deleted with the pod)\n');
      const template = source.volumeClaimTemplate;
      if (template) printClaim(w.nested(2), { metadata: template.metadata ?? {}, spec: template.spec ?? {} }, false, clock);
    } else if (kind === 'downwardAPI') {
      w.write(2, 'Type:\tDownwardAPI (a volume populated by information about the pod)\n    Items:\n');
      for (const item of (source.items ?? []) as Json[]) {
        if (item.fieldRef) w.write(3, `${item.fieldRef.fieldPath} -> ${item.path}\n`);
        if (item.resourceFieldRef) w.write(3, `${item.resourceFieldRef.resource} -> ${item.path}\n`);
      }
    } else if (kind === 'fc') {
      const lun = source.lun === undefined || source.lun === null ? '<none>' : String(source.lun);
      w.write(2, `Type:\tFC (a Fibre Channel disk)\n    TargetWWNs:\t${(source.targetWWNs ?? []).join(', ')}\n    LUN:\t${lun}\n    FSType:\t${source.fsType ?? ''}\n    ReadOnly:\t${source.readOnly ?? false}\n`);
    } else if (kind === 'projected') describeProjected(source, w);
    else if (kind === 'csi') {
      w.write(2, `Type:\tCSI (a Container Storage Interface (CSI) volume source)\n    Driver:\t${source.driver ?? ''}\n    FSType:\t${source.fsType ?? ''}\n    ReadOnly:\t${source.readOnly === true}\n`);
      printVolumeAttributes(w, source.volumeAttributes);
    } else w.write(1, '<unknown>\n');
  }
}

function describeProjected(source: Json, w: DescribeWriter): void {
  w.write(2, 'Type:\tProjected (a volume that contains injected data from multiple sources)\n');
  for (const s of (source.sources ?? []) as Json[]) {
    // kubectl 1.32 prints the optional flag's pointer (`<nil>` when unset); the flag itself is what a reader needs.
    if (s.secret) w.write(2, `SecretName:\t${s.secret.name ?? ''}\n    SecretOptionalName:\t${optionalFlag(s.secret.optional)}\n`);
    else if (s.downwardAPI) w.write(2, 'DownwardAPI:\ttrue\n');
    else if (s.configMap) w.write(2, `ConfigMapName:\t${s.configMap.name ?? ''}\n    ConfigMapOptional:\t${optionalFlag(s.configMap.optional)}\n`);
    else if (s.serviceAccountToken) w.write(2, `TokenExpirationSeconds:\t${s.serviceAccountToken.expirationSeconds ?? 0}\n`);
  }
}

function optionalFlag(value: unknown): string {
  return value === undefined || value === null ? '<nil>' : String(value);
}

function printVolumeAttributes(w: DescribeWriter, attributes: Json | undefined): void {
  w.write(2, 'VolumeAttributes:\t');
  const keys = sortedKeys(attributes);
  if (!keys.length) return w.line('<none>');
  keys.forEach((key, i) => {
    if (i) {
      w.write(2, '');
      w.write(2, '\t');
    }
    const line = `${key}=${attributes![key]}`;
    w.write(2, byteLength(line) > 140 ? `${Buffer.from(line).subarray(0, 140).toString()}...\n` : `${line}\n`);
  });
}

/** RWO,ROX,RWX,RWOP in that order, each once. */
export function accessModes(modes: string[] | undefined): string {
  const short: [string, string][] = [['ReadWriteOnce', 'RWO'], ['ReadOnlyMany', 'ROX'], ['ReadWriteMany', 'RWX'], ['ReadWriteOncePod', 'RWOP']];
  return short.filter(([mode]) => (modes ?? []).includes(mode)).map(([, s]) => s).join(',');
}

/** The beta storage-class annotation wins over spec.storageClassName. */
export function claimClass(claim: Json): string {
  const annotation = claim.metadata?.annotations?.['volume.beta.kubernetes.io/storage-class'];
  return annotation ?? claim.spec?.storageClassName ?? '';
}

/** The claim fields of a PVC (full) or of a claim template (not full). */
export function printClaim(w: DescribeWriter, pvc: Json, full: boolean, clock: Clock): void {
  const meta = pvc.metadata ?? {};
  const spec = pvc.spec ?? {};
  if (full) {
    w.write(0, `Name:\t${meta.name ?? ''}\n`);
    w.write(0, `Namespace:\t${meta.namespace ?? ''}\n`);
  }
  w.write(0, `StorageClass:\t${claimClass(pvc)}\n`);
  if (full) {
    if (meta.deletionTimestamp) w.write(0, `Status:\tTerminating (lasts ${clock.since(meta.deletionTimestamp)})\n`);
    else w.write(0, `Status:\t${pvc.status?.phase ?? ''}\n`);
  }
  w.write(0, `Volume:\t${spec.volumeName ?? ''}\n`);
  printLabels(w, 'Labels', meta.labels);
  printAnnotations(w, 'Annotations', meta.annotations);
  if (full) w.write(0, `Finalizers:\t[${(meta.finalizers ?? []).join(' ')}]\n`);
  let capacity = '';
  let modes = '';
  if (spec.volumeName) {
    modes = accessModes(pvc.status?.accessModes);
    capacity = Quantity.canonical(pvc.status?.capacity?.storage ?? '0');
  }
  w.write(0, `Capacity:\t${capacity}\n`);
  w.write(0, `Access Modes:\t${modes}\n`);
  if (spec.volumeMode) w.write(0, `VolumeMode:\t${spec.volumeMode}\n`);
  if (spec.dataSource) {
    w.write(0, 'DataSource:\n');
    if (spec.dataSource.apiGroup !== undefined && spec.dataSource.apiGroup !== null) w.write(1, `APIGroup:\t${spec.dataSource.apiGroup}\n`);
    w.write(1, `Kind:\t${spec.dataSource.kind ?? ''}\n`);
    w.write(1, `Name:\t${spec.dataSource.name ?? ''}\n`);
  }
}
