import type { Encoder } from '../../../encoder';
import type { CreatableTopicResult, CreateTopicsResponse } from '../types';
import { writeTopicResult as writeTopicResultV0 } from '../v0/response';

/**
 * CreateTopics Response (Version: 1) => [topics]
 *   topics => name error_code error_message
 *     name => STRING
 *     error_code => INT16
 *     error_message => NULLABLE_STRING
 */
export function encode(e: Encoder, res: CreateTopicsResponse): void {
  e.array(res.topics, writeTopicResult);
}

export function writeTopicResult(e: Encoder, t: CreatableTopicResult): void {
  writeTopicResultV0(e, t);
  e.nullableString(t.errorMessage);
}
