// Volume expansion (a larger spec.resources.requests.storage on a bound claim whose
// StorageClass allows expansion grows status.capacity, with the resizer's and
// kubelet's events) and the garbage collector (dependents of a deleted owner go too).
import type { SimContext } from '../context';
import { recordEvent } from '../events';
import { parseQuantity } from '../quantity';
import { KEYS } from '../resources';
import type { StoreEvent } from '../store';
import { itemOf, splitItem, type Controller } from './manager';
import { deletePodGracefully } from './replicaset';

export class VolumeExpander implements Controller {
  readonly name = 'volume-expander';

  constructor(private readonly ctx: SimContext) {}

  itemsFor(e: StoreEvent): string[] {
    return e.key === KEYS.pvcs && e.type === 'MODIFIED' ? [itemOf(e.object)] : [];
  }

  sync(item: string): void {
    const [ns, name] = splitItem(item);
    const store = this.ctx.store;
    const pvc = store.get(KEYS.pvcs, ns, name);
    if (!pvc || pvc.status?.phase !== 'Bound') return;
    const requested = pvc.spec?.resources?.requests?.storage;
    const capacity = pvc.status?.capacity?.storage;
    if (!requested || parseQuantity(requested) <= parseQuantity(capacity)) return;
    const sc = store.get(KEYS.storageclasses, undefined, pvc.spec?.storageClassName ?? '');
    if (!sc?.allowVolumeExpansion) {
      recordEvent(store, pvc, { type: 'Warning', reason: 'ExternalExpanding', message: 'Ignoring the PVC: didn\'t find a plugin capable of expanding the volume; waiting for an external controller to process this PVC.', component: 'volume_expand' });
      return;
    }
    const volume = pvc.spec?.volumeName ?? '';
    recordEvent(store, pvc, { reason: 'Resizing', message: `External resizer is resizing volume ${volume}`, component: `external-resizer ${sc.provisioner}` });
    pvc.status.capacity = { ...pvc.status.capacity, storage: requested };
    pvc.status.allocatedResources = { storage: requested };
    const saved = store.update(KEYS.pvcs, pvc);
    recordEvent(store, saved, { reason: 'FileSystemResizeSuccessful', message: `MountVolume.NodeExpandVolume succeeded for volume "${volume}"`, component: 'kubelet' });
  }
}

export class GarbageCollector implements Controller {
  readonly name = 'garbage-collector';

  constructor(private readonly ctx: SimContext) {}

  itemsFor(e: StoreEvent): string[] {
    return e.type === 'DELETED' && e.object.metadata.uid ? [e.object.metadata.uid] : [];
  }

  sync(uid: string): void {
    const store = this.ctx.store;
    for (const { key, object: o } of store.dependents(uid)) {
      if (key === KEYS.pods) deletePodGracefully(this.ctx, o);
      else store.delete(key, o.metadata.namespace, o.metadata.name ?? '');
    }
  }
}

