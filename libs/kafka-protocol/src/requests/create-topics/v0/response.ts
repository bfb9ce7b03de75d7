import type { Encoder } from '../../../encoder';
import type { CreatableTopicResult, CreateTopicsResponse } from '../types';

/**
 * CreateTopics Response (Version: 0) => [topics]
 *   topics => name error_code
 *     name => STRING
 *     error_code => INT16
 */
export function encode(e: Encoder, res: CreateTopicsResponse): void {
  e.array(res.topics, writeTopicResult);
}

export function writeTopicResult(e: Encoder, t: CreatableTopicResult): void {
  e.string(t.name).int16(t.errorCode);
}
