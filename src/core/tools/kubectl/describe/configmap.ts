// kubectl describe configmap (each key with its value, binary keys by size,
// events) and secret (each key by size only, never the value). Keys come in
// the order the server sent them, as the real kubectl usually prints them
// (its map order varies between runs).

import type { DescribeContext } from './context';
import { describeEvents, searchEvents } from './events';
import { DescribeWriter, printAnnotations, printLabels, type Json } from './format';

export async function describeConfigMap(cm: Json, ctx: DescribeContext): Promise<string> {
  const meta = cm.metadata ?? {};
  const w = header(cm);
  w.write(0, '\nData\n====\n');
  for (const [key, value] of Object.entries((cm.data ?? {}) as Json)) {
    w.write(0, `${key}:\n----\n`);
    w.write(0, `${value}\n`);
    w.write(0, '\n');
  }
  w.write(0, '\nBinaryData\n====\n');
  for (const [key, value] of Object.entries((cm.binaryData ?? {}) as Json)) w.write(0, `${key}: ${decodedLength(value)} bytes\n`);
  w.write(0, '\n');
  if (ctx.showEvents) {
    // Unlike other kinds, a failed event query fails the whole description.
    const events = await searchEvents(ctx, { name: meta.name ?? '', namespace: meta.namespace ?? '', kind: 'ConfigMap', uid: meta.uid });
    describeEvents(events, w, ctx.clock);
  }
  return w.toString();
}

export async function describeSecret(secret: Json): Promise<string> {
  const w = header(secret);
  w.write(0, `\nType:\t${secret.type ?? ''}\n`);
  w.write(0, '\nData\n====\n');
  for (const [key, value] of Object.entries((secret.data ?? {}) as Json)) {
    if (key === 'token' && secret.type === 'kubernetes.io/service-account-token') w.write(0, `${key}:\t${Buffer.from(String(value), 'base64').toString()}\n`);
    else w.write(0, `${key}:\t${decodedLength(value)} bytes\n`);
  }
  return w.toString();
}

function header(object: Json): DescribeWriter {
  const w = new DescribeWriter();
  w.write(0, `Name:\t${object.metadata?.name ?? ''}\n`);
  w.write(0, `Namespace:\t${object.metadata?.namespace ?? ''}\n`);
  printLabels(w, 'Labels', object.metadata?.labels);
  printAnnotations(w, 'Annotations', object.metadata?.annotations);
  return w;
}

function decodedLength(value: unknown): number {
  return Buffer.from(String(value ?? ''), 'base64').length;
}
