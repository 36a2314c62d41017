// Values with units, read and printed as the tools do: Kubernetes quantities.

export { Quantity, type QuantityFormat } from './quantity';
