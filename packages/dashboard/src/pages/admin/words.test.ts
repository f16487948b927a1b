import { describe, expect, it } from 'vitest';
import { emailKind, textWithLinks } from './email-words.ts';

describe('a message in words', () => {
  it('names its kind, and a kind not known yet readably', () => {
    expect(emailKind('verify_email')).toBe('Address confirmation');
    expect(emailKind('quarterly_report')).toBe('Quarterly report');
  });

  it('cuts its text into text and links, leaving out what closes a sentence', () => {
    expect(
      textWithLinks(
        'Confirm: https://x.test/app/verify?token=a%2Bb. Or (see https://x.test/help), then http://x.test!',
      ),
    ).toEqual([
      { text: 'Confirm: ' },
      { url: 'https://x.test/app/verify?token=a%2Bb' },
      { text: '. Or (see ' },
      { url: 'https://x.test/help' },
      { text: '), then ' },
      { url: 'http://x.test' },
      { text: '!' },
    ]);
    expect(textWithLinks('No link here')).toEqual([{ text: 'No link here' }]);
    expect(textWithLinks('javascript:alert(1) ftp://x.test')).toEqual([{ text: 'javascript:alert(1) ftp://x.test' }]);
  });
});
