import { opensslReason } from '../../src/live/failure.js';

describe('opensslReason', () => {
  test.each([
    [
      'C0B7E9F8E37F0000:error:0A0000C6:SSL routines:tls_get_more_records:packet length too long:../deps/openssl/openssl/ssl/record/ssl3_record.c:379:\n',
      'the server sent a record longer than TLS allows (a broken or non-TLS server) (packet length too long)',
    ],
    [
      '40E7:error:0A000098:SSL routines:read_state_machine:excessive message size:../deps/openssl/openssl/ssl/statem/statem.c:602:',
      "the server's handshake message (usually its certificate chain) is larger than OpenSSL accepts (excessive message size)",
    ],
    [
      '40E7:error:0A000410:SSL routines:ssl3_read_bytes:some new reason:ssl/record/rec_layer_s3.c:1:',
      'some new reason',
    ],
    [
      'Client network socket disconnected before secure TLS connection was established',
      'Client network socket disconnected before secure TLS connection was established',
    ],
  ])('%s', (message, expected) => {
    const reason = opensslReason(message);
    expect(reason).toBe(expected);
    expect(reason).not.toMatch(/\.c:\d+/);
  });
});
