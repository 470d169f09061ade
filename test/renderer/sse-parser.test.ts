import { describe, expect, it } from 'vitest';
import { SseParser } from '../../renderer/api/sse-parser.js';

describe('SseParser', () => {
  it('dispatches named events with multi-line data, skipping comments and other fields', () => {
    const parser = new SseParser();
    expect(parser.push('retry: 2000\n\n: keep-alive\n\nevent: agents:changed\ndata: {"a":\ndata: 1}\nid: 7\n\n')).toEqual([
      { event: 'agents:changed', data: '{"a":\n1}' },
    ]);
  });

  it('reassembles events split anywhere across chunks, with LF, CRLF or CR line ends', () => {
    const text = 'event: x\r\ndata: one\r\n\r\nevent: y\rdata:two\r\rdata: three\n\n';
    const expected = [
      { event: 'x', data: 'one' },
      { event: 'y', data: 'two' },
      { event: 'message', data: 'three' },
    ];
    for (let cut = 0; cut <= text.length; cut++) {
      const parser = new SseParser();
      expect([...parser.push(text.slice(0, cut)), ...parser.push(text.slice(cut))]).toEqual(expected);
    }
    const bytewise = new SseParser();
    expect([...text].flatMap((c) => bytewise.push(c))).toEqual(expected);
  });

  it('keeps an unfinished event until its blank line, and drops events without data', () => {
    const parser = new SseParser();
    expect(parser.push('event: a\ndata: 1\n')).toEqual([]);
    expect(parser.push('\nevent: empty\n\n')).toEqual([{ event: 'a', data: '1' }]);
  });
});
