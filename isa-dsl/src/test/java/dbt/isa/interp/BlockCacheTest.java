package dbt.isa.interp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import dbt.isa.decode.BlockDecoder;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BlockCacheTest {
    static BlockNode block(long address) {
        return new BlockNode(new InstructionNode[0], 0,
                new BlockDecoder.Block(address, List.of(), BlockDecoder.Stop.END, 0, 0, 0), null, false);
    }

    @Test
    void findsEveryBlockPutAcrossGrowthAndMissesOthers() {
        BlockCache<BlockNode> cache = new BlockCache<>();
        Map<Long, BlockNode> expected = new HashMap<>();
        Random random = new Random(13);
        for (int i = 0; i < 20_000; i++) {
            // Dense 2-byte-aligned addresses (code) and scattered ones (other mappings), including 0 and negatives.
            long pc = i % 3 == 0 ? random.nextLong() : 0x10000 + 2L * i;
            if (i == 1) {
                pc = 0;
            }
            BlockNode b = block(pc);
            cache.put(pc, b);
            expected.put(pc, b);
        }
        assertEquals(expected.size(), cache.size());
        for (Map.Entry<Long, BlockNode> e : expected.entrySet()) {
            assertSame(e.getValue(), cache.get(e.getKey()));
        }
        assertNull(cache.get(0x10001));
        assertNull(cache.get(0x10000 + 2L * 20_001));
    }

    @Test
    void putReplacesAndClearForgets() {
        BlockCache<BlockNode> cache = new BlockCache<>();
        BlockNode a = block(0x1000);
        BlockNode b = block(0x1000);
        cache.put(0x1000, a);
        cache.put(0x1000, b);
        assertEquals(1, cache.size());
        assertSame(b, cache.get(0x1000));
        cache.clear();
        assertEquals(0, cache.size());
        assertNull(cache.get(0x1000));
        cache.put(0x1000, a);
        assertSame(a, cache.get(0x1000));
    }
}
