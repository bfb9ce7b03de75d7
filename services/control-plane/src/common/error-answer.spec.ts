import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BadRequestException, NotFoundException } from '@nestjs/common';
import { QueryFailedError } from 'typeorm';
import { ApiError } from './api-error';
import { errorAnswer } from './error-answer';

test('an ApiError answers with its kind, status, message and field issues', () => {
  const { answer, logDetails } = errorAnswer(new ApiError('invalid', 'the request body is invalid', [{ path: 'body.id', message: 'bad' }]));
  assert.deepEqual(answer, { statusCode: 400, error: 'invalid', message: 'the request body is invalid', issues: [{ path: 'body.id', message: 'bad' }] });
  assert.equal(logDetails, undefined);
});

test('a framework client error keeps its status but not its words', () => {
  const parse = Object.assign(new SyntaxError('Unexpected token in {"password": "hunter2"'), { status: 400, type: 'entity.parse.failed' });
  assert.deepEqual(errorAnswer(new BadRequestException(parse.message, { cause: parse })).answer, {
    statusCode: 400,
    error: 'invalid',
    message: 'the request body is not valid JSON',
  });
  assert.equal(errorAnswer(new NotFoundException('Cannot GET /x')).answer.message, 'no such route');
});

test('a database error is a bare 500 for the caller and a redacted record for the log', () => {
  const driverError = Object.assign(new Error('value too long'), { code: '22001', table: 'secrets', constraint: undefined });
  const failure = new QueryFailedError('INSERT INTO secrets VALUES ($1)', ['postgres://u:hunter2@db/x'], driverError);
  const { answer, logDetails } = errorAnswer(failure);
  assert.deepEqual(answer, { statusCode: 500, error: 'internal', message: 'internal error; the control-plane log has the details' });
  const logged = JSON.stringify(logDetails);
  assert.match(logged, /"code":"22001"/);
  assert.doesNotMatch(logged, /hunter2/);
});

test('a thrown non-error is a 500 too', () => {
  assert.equal(errorAnswer('boom').answer.statusCode, 500);
});
