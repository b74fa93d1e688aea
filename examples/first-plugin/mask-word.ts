// mask-word.ts
import { definePlugin, z } from 'attache-extproc';

export default definePlugin({
  name: 'mask-word',
  options: z.object({ word: z.string().min(2) }),
  setup({ word }) {
    const mask = '*'.repeat(word.length);
    // How much of a chunk's tail may be the start of the word, longest first.
    const tails = Array.from({ length: word.length - 1 }, (_, i) => word.length - 1 - i);
    return {
      requestBodyChunk(ctx) {
        const text = ctx.chunk.bytes().toString('latin1').replaceAll(word, mask);
        const keep = ctx.chunk.last
          ? 0 // the last chunk: everything goes on
          : (tails.find((n) => n <= text.length && word.startsWith(text.slice(-n))) ?? 0);
        ctx.mutate.replaceChunk(Buffer.from(text, 'latin1'));
        ctx.holdBack(keep); // comes back in front of the next chunk
      },
    };
  },
});
