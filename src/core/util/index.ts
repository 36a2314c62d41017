// Small helpers with no home of their own.

export { abortableSleep } from './abortableSleep';
export { isoTime } from './isoTime';
export { Lru } from './lru';
