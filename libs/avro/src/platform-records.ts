/**
 * TypeScript shapes of the platform's records in schemas/*.avsc, as ConfluentAvroCodec reads and
 * writes them: decimals as exact text at the schema's scale ('19.9900'), dates as 'YYYY-MM-DD',
 * timestamp-millis as Date, uuids as lower-case text, longs as numbers (avsc refuses, rather than
 * rounds, any beyond ±(2^53-2): a PAYLOAD_MISMATCH on read), bytes as Buffers, optional
 * fields as `T | null`. platform-schemas.spec.ts round-trips a sample of each through its schema,
 * so a field added to one and not the other fails the tests. Field docs live in the .avsc files.
 */
import type { DecimalText } from './logical-types/decimal-text';
import type { DateText } from './logical-types/date-type';

export type Uuid = string;

export interface TaxOrder {
  orderId: string;
  tenant: string;
  pipeline: string;
  runId: Uuid | null;
  documentType: 'SALES_ORDER' | 'SALES_INVOICE' | 'RETURN_INVOICE';
  orderDate: DateText;
  taxDate: DateText | null;
  updatedAt: Date;
  currency: string;
  customer: Customer;
  shipFrom: Address;
  shipTo: Address;
  lines: OrderLine[];
}

export interface Customer {
  customerId: string;
  name: string | null;
  taxId: string | null;
  exemption: Exemption | null;
}

export interface Exemption {
  certificateId: string;
  reasonCode: string;
  region: string | null;
  expiresOn: DateText | null;
}

export interface Address {
  line1: string;
  line2: string | null;
  city: string;
  region: string | null;
  postalCode: string | null;
  country: string;
}

export interface OrderLine {
  lineNumber: number;
  sku: string;
  description: string | null;
  quantity: DecimalText;
  unitPrice: DecimalText;
  taxCode: string | null;
  discounts: Discount[];
}

export interface Discount {
  code: string | null;
  amount: DecimalText;
}

export interface TaxResult {
  orderId: string;
  tenant: string;
  pipeline: string;
  runId: Uuid | null;
  orderUpdatedAt: Date;
  calculationId: string;
  calculatedAt: Date;
  currency: string;
  totalAmount: DecimalText;
  totalTaxable: DecimalText;
  totalExempt: DecimalText;
  totalTax: DecimalText;
  lines: LineTax[];
  jurisdictions: JurisdictionTax[];
  attempt: number;
  apiLatencyMs: number;
}

export interface LineTax {
  lineNumber: number;
  sku: string;
  amount: DecimalText;
  taxableAmount: DecimalText;
  exemptAmount: DecimalText;
  tax: DecimalText;
  taxCode: string | null;
  jurisdictions: JurisdictionTax[];
}

export interface JurisdictionTax {
  level: 'COUNTRY' | 'STATE' | 'COUNTY' | 'CITY' | 'SPECIAL';
  code: string;
  name: string;
  taxName: string | null;
  /** A fraction at scale 6: '0.062500' is 6.25%. */
  rate: DecimalText;
  taxableAmount: DecimalText;
  tax: DecimalText;
}

export type Stage = 'SOURCE' | 'TRANSFORM' | 'VALIDATE' | 'TAX_SINK' | 'RESULT_WRITER' | 'OTHER';

export interface ErrorRecord {
  tenant: string;
  pipeline: string;
  runId: Uuid | null;
  stage: Stage;
  reasons: ErrorReason[];
  attempt: number;
  failedAt: Date;
  recordKey: Buffer | null;
  originalPayload: Buffer | null;
  sourceOffset: SourceOffset | null;
  traceparent: string | null;
}

export interface ErrorReason {
  code: string;
  message: string;
  field: string | null;
}

export interface SourceOffset {
  topic: string;
  partition: number;
  offset: number;
}

export interface RunEvent {
  eventId: Uuid;
  runId: Uuid;
  tenant: string;
  pipeline: string;
  type: 'REQUESTED' | 'STARTED' | 'PROGRESS' | 'FINISHED' | 'FAILED';
  at: Date;
  trigger: 'SCHEDULE' | 'API' | 'CLI' | 'CONSOLE' | 'REPLAY' | 'OTHER' | null;
  requestedBy: string | null;
  mode: 'FULL' | 'INCREMENTAL' | null;
  counts: StageCount[];
  error: string | null;
  /** Whose counts these are when a stage runs as several instances; null for a run's one reporter. */
  reporter: string | null;
  /** The validator's data-quality figures of the run so far (its PROGRESS only); absent or null otherwise. */
  quality?: RunQualityFigures | null;
}

/** libs/quality's RunQualityState on the wire: the sketch is raw-DEFLATEd registers. */
export interface RunQualityFigures {
  records: number;
  failed: number;
  rules: Array<{ rule: string; failures: number }>;
  completeness: Array<{ field: string; present: number; total: number }>;
  uniqueness: Array<{ field: string; present: number; distinct: number; exact: boolean; sketch: Buffer }>;
  /** `sum` as number text (String(x)): no floating point in platform records. */
  sums: Array<{ field: string; sum: string; count: number }>;
}

export interface StageCount {
  stage: Stage;
  recordsIn: number;
  recordsOut: number;
  errors: number;
  /** Records taken in and dropped on purpose (a filter step): neither passed on nor failed. */
  filtered: number;
}

export interface ConnectorCursor {
  tenant: string;
  pipeline: string;
  connector: string;
  stream: string;
  cursorField: string | null;
  cursorValue: string | null;
  lastKey: string | null;
  state: Record<string, string>;
  runId: Uuid | null;
  updatedAt: Date;
  /** Absent in cursors written before the field. */
  runCounts?: RunSourceCounts | null;
}

export interface RunSourceCounts {
  read: number;
  published: number;
  errors: number;
}

/** Each platform schema's file name (schemas/<name>.avsc) and the record it describes. */
export interface PlatformRecords {
  'tax-order': TaxOrder;
  'tax-result': TaxResult;
  'error-record': ErrorRecord;
  'run-event': RunEvent;
  'connector-cursor': ConnectorCursor;
}
