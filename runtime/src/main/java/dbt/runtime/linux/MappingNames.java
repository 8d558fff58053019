package dbt.runtime.linux;

import java.util.Map;
import java.util.TreeMap;

/**
 * What {@code /proc/self/maps} says a guest mapping maps: the file (its host path, device, inode, and the file offset
 * of the mapping's start), for the ranges the loader or a file {@code mmap} made; other ranges map nothing named.
 * Kept by {@link MemoryMapCalls} as the map changes. Invariant: the ranges do not overlap.
 */
final class MappingNames {
    /** A named range from its key (the start) to end. */
    record Named(long start, long end, long offset, long device, long inode, String path) {
        /** The file offset at address, inside the range. */
        long offsetAt(long address) {
            return offset + (address - start);
        }
    }

    private final TreeMap<Long, Named> ranges = new TreeMap<>();

    synchronized void name(long start, long end, long offset, long device, long inode, String path) {
        forget(start, end);
        ranges.put(start, new Named(start, end, offset, device, inode, path));
    }

    /** [start, end) maps nothing named any more (cut out of the ranges that overlap it). */
    synchronized void forget(long start, long end) {
        Map.Entry<Long, Named> before = ranges.lowerEntry(start);
        if (before != null && before.getValue().end() > start) {
            Named n = before.getValue();
            ranges.put(n.start(), new Named(n.start(), start, n.offset(), n.device(), n.inode(), n.path()));
            if (n.end() > end) {
                ranges.put(end, new Named(end, n.end(), n.offsetAt(end), n.device(), n.inode(), n.path()));
            }
        }
        for (Named n : ranges.subMap(start, end).values().toArray(Named[]::new)) {
            ranges.remove(n.start());
            if (n.end() > end) {
                ranges.put(end, new Named(end, n.end(), n.offsetAt(end), n.device(), n.inode(), n.path()));
            }
        }
    }

    /** The named range address lies in, or null. */
    synchronized Named at(long address) {
        Map.Entry<Long, Named> e = ranges.floorEntry(address);
        return e != null && e.getValue().end() > address ? e.getValue() : null;
    }
}
