/**
 * The virus-scan hook (issue 15 §2): every uploaded file is shown to a scanner before anyone may download
 * it. Production plugs in a real engine (ClamAV's clamd, an ICAP server) behind this interface; a scanner
 * that answers later says `PENDING`, and the file stays undownloadable until its status is set.
 */
import type { Readable } from 'node:stream';

export type ScanVerdict = { status: 'CLEAN' } | { status: 'INFECTED'; signature: string } | { status: 'PENDING' };

export interface VirusScanner {
  /** `open` gives the stored bytes afresh (a scanner may read them more than once). */
  scan(file: { key: string; open: () => Promise<Readable> }): Promise<ScanVerdict>;
}

/**
 * The EICAR anti-virus test file (eicar.org): every real engine reports it, and it is harmless. The
 * development scanner reports exactly it, so a test or a person can see the refusal without real malware.
 */
export const EICAR_TEST_FILE = 'X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*';

/** The development and test scanner: infected when the bytes contain the EICAR test string, clean otherwise. */
export function eicarScanner(): VirusScanner {
  const needle = Buffer.from(EICAR_TEST_FILE, 'latin1');
  return {
    async scan({ open }) {
      let tail = Buffer.alloc(0);
      for await (const chunk of await open()) {
        const window = Buffer.concat([tail, chunk as Buffer]);
        if (window.includes(needle)) return { status: 'INFECTED', signature: 'EICAR-Test-File' };
        tail = window.subarray(Math.max(0, window.length - needle.length + 1));
      }
      return { status: 'CLEAN' };
    },
  };
}
