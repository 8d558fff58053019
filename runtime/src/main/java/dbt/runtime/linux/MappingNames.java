package dbt.runtime.linux;

import dbt.frontend.HostSyscall;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a guest mapping maps: the file (its host path, device, inode, and the file offset of the mapping's start), for
 * the ranges the loader or a file {@code mmap} made, as {@code /proc/self/maps} names them; other ranges map nothing
 * named. A shared mapping ({@code MAP_SHARED}, of a file or anonymous memory, which dbt backs by a memfd) also holds a
 * host descriptor of what it maps, its backing, so that a forked child maps the same pages rather than copies
 * ({@link ForkSnapshot}). Kept by {@link MemoryMapCalls} as the map changes.
 *
 * <p>Invariants: the ranges do not overlap; a backing descriptor (close-on-exec) is open while a range holds it and
 * closed when the last range that holds it is forgotten.
 */
final class MappingNames {
    /** No backing descriptor: the range is private (a fork child gets a copy of its pages). */
    static final int NO_BACKING = -1;

    /** A named range from its key (the start) to end; backing is a host descriptor, or {@link #NO_BACKING}. */
    record Named(long start, long end, long offset, long device, long inode, String path, int backing) {
        /** The file offset at address, inside the range. */
        long offsetAt(long address) {
            return offset + (address - start);
        }

        /** The part of this range from address on. */
        Named from(long address) {
            return new Named(address, end, offsetAt(address), device, inode, path, backing);
        }

        /** The part of this range below address. */
        Named below(long address) {
            return new Named(start, address, offset, device, inode, path, backing);
        }
    }

    private final TreeMap<Long, Named> ranges = new TreeMap<>();

    synchronized void name(long start, long end, long offset, long device, long inode, String path) {
        name(new Named(start, end, offset, device, inode, path, NO_BACKING));
    }

    /**
     * Names a range, replacing what named any part of it; the range's backing descriptor is now this object's (it may
     * be one that another range holds already).
     */
    synchronized void name(Named range) {
        List<Named> removed = cut(range.start(), range.end());
        ranges.put(range.start(), range);
        close(removed);
    }

    /** [start, end) maps nothing named any more (cut out of the ranges that overlap it). */
    synchronized void forget(long start, long end) {
        close(cut(start, end));
    }

    /** Cuts [start, end) out of the ranges; returns the ranges removed (their backings still open). */
    private List<Named> cut(long start, long end) {
        List<Named> removed = new ArrayList<>();
        Map.Entry<Long, Named> before = ranges.lowerEntry(start);
        if (before != null && before.getValue().end() > start) {
            Named n = before.getValue();
            ranges.put(n.start(), n.below(start));
            if (n.end() > end) {
                ranges.put(end, n.from(end));
            }
        }
        for (Named n : ranges.subMap(start, end).values().toArray(Named[]::new)) {
            ranges.remove(n.start());
            removed.add(n);
            if (n.end() > end) {
                ranges.put(end, n.from(end));
            }
        }
        return removed;
    }

    /** Closes the backings of removed ranges that no range holds any more. */
    private void close(List<Named> removed) {
        for (Named n : removed) {
            if (n.backing() != NO_BACKING && !held(n.backing())) {
                HostSyscall.call(HostSyscall.CLOSE, n.backing(), 0, 0, 0, 0, 0);
            }
        }
    }

    private boolean held(int backing) {
        for (Named n : ranges.values()) {
            if (n.backing() == backing) {
                return true;
            }
        }
        return false;
    }

    /** The named range address lies in, or null. */
    synchronized Named at(long address) {
        Map.Entry<Long, Named> e = ranges.floorEntry(address);
        return e != null && e.getValue().end() > address ? e.getValue() : null;
    }

    /** The first address above address where a named range starts or ends (Long.MAX_VALUE if none). */
    synchronized long boundaryAfter(long address) {
        Named in = at(address);
        if (in != null) {
            return in.end();
        }
        Long next = ranges.higherKey(address);
        return next == null ? Long.MAX_VALUE : next;
    }

    /** Every named range, from the lowest. */
    synchronized List<Named> all() {
        return List.copyOf(ranges.values());
    }
}
