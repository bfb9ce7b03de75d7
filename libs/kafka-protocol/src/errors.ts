/**
 * Kafka's error codes as one table (https://kafka.apache.org/protocol#protocol_error_codes).
 * `retriable` follows Apache Kafka's RetriableException hierarchy; clients decide on it.
 */
export interface KafkaErrorDefinition {
  readonly type: string;
  readonly code: number;
  readonly retriable: boolean;
  readonly message: string;
}

const table = [
  ['UNKNOWN_SERVER_ERROR', -1, false, 'The server experienced an unexpected error when processing the request'],
  ['NONE', 0, false, ''],
  ['OFFSET_OUT_OF_RANGE', 1, false, 'The requested offset is not within the range of offsets maintained by the server'],
  ['CORRUPT_MESSAGE', 2, true, 'This message has failed its CRC checksum, exceeds the valid size, or is otherwise corrupt'],
  ['UNKNOWN_TOPIC_OR_PARTITION', 3, true, 'This server does not host this topic-partition'],
  ['INVALID_FETCH_SIZE', 4, false, 'The requested fetch size is invalid'],
  ['LEADER_NOT_AVAILABLE', 5, true, 'There is no leader for this topic-partition as we are in the middle of a leadership election'],
  ['NOT_LEADER_FOR_PARTITION', 6, true, 'This server is not the leader for that topic-partition'],
  ['REQUEST_TIMED_OUT', 7, true, 'The request timed out'],
  ['MESSAGE_TOO_LARGE', 10, false, 'The request included a message larger than the max message size the server will accept'],
  ['OFFSET_METADATA_TOO_LARGE', 12, false, 'The metadata field of the offset request was too large'],
  ['COORDINATOR_LOAD_IN_PROGRESS', 14, true, 'The coordinator is loading and hence can\'t process requests'],
  ['COORDINATOR_NOT_AVAILABLE', 15, true, 'The coordinator is not available'],
  ['NOT_COORDINATOR', 16, true, 'This is not the correct coordinator'],
  ['INVALID_TOPIC_EXCEPTION', 17, false, 'The request attempted to perform an operation on an invalid topic'],
  ['RECORD_LIST_TOO_LARGE', 18, false, 'The request included message batch larger than the configured segment size on the server'],
  ['INVALID_REQUIRED_ACKS', 21, false, 'Produce request specified an invalid value for required acks'],
  ['ILLEGAL_GENERATION', 22, false, 'Specified group generation id is not valid'],
  ['INCONSISTENT_GROUP_PROTOCOL', 23, false, 'The group member\'s supported protocols are incompatible with those of existing members'],
  ['INVALID_GROUP_ID', 24, false, 'The configured groupId is invalid'],
  ['UNKNOWN_MEMBER_ID', 25, false, 'The coordinator is not aware of this member'],
  ['INVALID_SESSION_TIMEOUT', 26, false, 'The session timeout is not within the range allowed by the broker'],
  ['REBALANCE_IN_PROGRESS', 27, false, 'The group is rebalancing, so a rejoin is needed'],
  ['INVALID_COMMIT_OFFSET_SIZE', 28, false, 'The committing offset data size is not valid'],
  ['TOPIC_AUTHORIZATION_FAILED', 29, false, 'Not authorized to access topics'],
  ['GROUP_AUTHORIZATION_FAILED', 30, false, 'Not authorized to access group'],
  ['CLUSTER_AUTHORIZATION_FAILED', 31, false, 'Cluster authorization failed'],
  ['INVALID_TIMESTAMP', 32, false, 'The timestamp of the message is out of acceptable range'],
  ['UNSUPPORTED_SASL_MECHANISM', 33, false, 'The broker does not support the requested SASL mechanism'],
  ['ILLEGAL_SASL_STATE', 34, false, 'Request is not valid given the current SASL state'],
  ['UNSUPPORTED_VERSION', 35, false, 'The version of API is not supported'],
  ['TOPIC_ALREADY_EXISTS', 36, false, 'Topic with this name already exists'],
  ['INVALID_PARTITIONS', 37, false, 'Number of partitions is invalid'],
  ['INVALID_REPLICATION_FACTOR', 38, false, 'Replication-factor is invalid'],
  ['INVALID_REPLICA_ASSIGNMENT', 39, false, 'Replica assignment is invalid'],
  ['INVALID_CONFIG', 40, false, 'Configuration is invalid'],
  ['NOT_CONTROLLER', 41, true, 'This is not the correct controller for this cluster'],
  ['INVALID_REQUEST', 42, false, 'This most likely occurs because of a request being malformed by the client library or the message was sent to an incompatible broker'],
  ['UNSUPPORTED_FOR_MESSAGE_FORMAT', 43, false, 'The message format version on the broker does not support the request'],
  ['POLICY_VIOLATION', 44, false, 'Request parameters do not satisfy the configured policy'],
  ['OUT_OF_ORDER_SEQUENCE_NUMBER', 45, false, 'The broker received an out of order sequence number'],
  ['DUPLICATE_SEQUENCE_NUMBER', 46, false, 'The broker received a duplicate sequence number'],
  ['INVALID_PRODUCER_EPOCH', 47, false, 'Producer attempted an operation with an old epoch'],
  ['INVALID_TXN_STATE', 48, false, 'The producer attempted a transactional operation in an invalid state'],
  ['INVALID_PRODUCER_ID_MAPPING', 49, false, 'The producer attempted to use a producer id which is not currently assigned to its transactional id'],
  ['TRANSACTIONAL_ID_AUTHORIZATION_FAILED', 53, false, 'Transactional Id authorization failed'],
  ['SECURITY_DISABLED', 54, false, 'Security features are disabled'],
  ['SASL_AUTHENTICATION_FAILED', 58, false, 'SASL Authentication failed'],
  ['UNKNOWN_PRODUCER_ID', 59, false, 'This exception is raised by the broker if it could not locate the producer metadata associated with the producerId in question'],
  ['KAFKA_STORAGE_ERROR', 56, true, 'Disk error when trying to access log file on the disk'],
  ['NON_EMPTY_GROUP', 68, false, 'The group is not empty'],
  ['GROUP_ID_NOT_FOUND', 69, false, 'The group id does not exist'],
  ['FETCH_SESSION_ID_NOT_FOUND', 70, true, 'The fetch session ID was not found'],
  ['INVALID_FETCH_SESSION_EPOCH', 71, true, 'The fetch session epoch is invalid'],
  ['UNKNOWN_LEADER_EPOCH', 75, true, 'The leader epoch in the request is newer than the epoch on the broker'],
  ['UNSUPPORTED_COMPRESSION_TYPE', 76, false, 'The requesting client does not support the compression type of given partition'],
  ['MEMBER_ID_REQUIRED', 79, false, 'The group member needs to have a valid member id before actually entering a consumer group'],
  ['GROUP_MAX_SIZE_REACHED', 81, false, 'The consumer group has reached its max size'],
  ['FENCED_INSTANCE_ID', 82, false, 'The broker rejected this static consumer since another consumer with the same group.instance.id has registered with a different member.id'],
  ['INVALID_RECORD', 87, false, 'This record has failed the validation on broker and hence be rejected'],
] as const;

export type KafkaErrorType = (typeof table)[number][0];

export const KAFKA_ERRORS: Readonly<Record<KafkaErrorType, KafkaErrorDefinition>> = Object.fromEntries(
  table.map(([type, code, retriable, message]) => [type, { type, code, retriable, message }]),
) as Record<KafkaErrorType, KafkaErrorDefinition>;

const byCode = new Map<number, KafkaErrorDefinition>(Object.values(KAFKA_ERRORS).map((e) => [e.code, e]));

/** The numeric code to put on the wire. */
export function errorCode(type: KafkaErrorType): number {
  return KAFKA_ERRORS[type].code;
}

export function errorByCode(code: number): KafkaErrorDefinition {
  return byCode.get(code) ?? KAFKA_ERRORS.UNKNOWN_SERVER_ERROR;
}

/** An error that carries a Kafka error code, so handlers can answer with it instead of a bare failure. */
export class KafkaProtocolError extends Error {
  override readonly name = 'KafkaProtocolError';
  readonly code: number;
  readonly retriable: boolean;

  constructor(readonly type: KafkaErrorType, detail?: string) {
    super(detail ? `${KAFKA_ERRORS[type].message}: ${detail}` : KAFKA_ERRORS[type].message);
    this.code = KAFKA_ERRORS[type].code;
    this.retriable = KAFKA_ERRORS[type].retriable;
  }
}
