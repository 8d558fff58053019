package dbt.frontend;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Maps the guest stack ({@link GuestMemory#STACK_SIZE} bytes below {@link GuestMemory#STACK_TOP}) and lays out what
 * Linux's {@code execve} leaves on it, in the kernel's order ({@code fs/exec.c}, {@code create_elf_tables}):
 *
 * <pre>
 *   STACK_TOP - 8 .. STACK_TOP      8 zero bytes
 *   below that                      execfn string; below it argv[0..] then envp[0..] strings, ascending
 *   below, 16-byte aligned          platform string (if any), then 16 random bytes (AT_RANDOM)
 *   sp (16-byte aligned) →          argc, argv[], NULL, envp[], NULL, auxv pairs ending in AT_NULL
 * </pre>
 *
 * ISA facts (hwcap, platform) are supplied by the caller; the ISA-independent auxv entries are filled from the
 * {@link ElfImage}. No randomisation beyond the AT_RANDOM bytes: the layout is deterministic for given inputs.
 */
public final class InitialStack {
    public static final int AT_NULL = 0;
    public static final int AT_PHDR = 3;
    public static final int AT_PHENT = 4;
    public static final int AT_PHNUM = 5;
    public static final int AT_PAGESZ = 6;
    public static final int AT_BASE = 7;
    public static final int AT_FLAGS = 8;
    public static final int AT_ENTRY = 9;
    public static final int AT_UID = 11;
    public static final int AT_EUID = 12;
    public static final int AT_GID = 13;
    public static final int AT_EGID = 14;
    public static final int AT_PLATFORM = 15;
    public static final int AT_HWCAP = 16;
    public static final int AT_CLKTCK = 17;
    public static final int AT_SECURE = 23;
    public static final int AT_RANDOM = 25;
    public static final int AT_EXECFN = 31;

    /** Linux refuses an execve whose strings exceed a quarter of the stack limit. */
    private static final long MAX_STRINGS = GuestMemory.STACK_SIZE / 4;

    private final GuestMemory memory;
    private long hwcap;
    private String platform;
    private int uid;
    private int euid;
    private int gid;
    private int egid;
    private byte[] random;
    private long interpreterBase;

    public InitialStack(GuestMemory memory) {
        this.memory = memory;
    }

    /** Where the program interpreter was loaded ({@code AT_BASE}); 0 (the default) without one. */
    public InitialStack interpreterBase(long value) {
        this.interpreterBase = value;
        return this;
    }

    public InitialStack hwcap(long value) {
        hwcap = value;
        return this;
    }

    /** The AT_PLATFORM string, or null (the default) for none, as RISC-V Linux does. */
    public InitialStack platform(String value) {
        platform = value;
        return this;
    }

    public InitialStack identity(int uid, int euid, int gid, int egid) {
        this.uid = uid;
        this.euid = euid;
        this.gid = gid;
        this.egid = egid;
        return this;
    }

    /** The 16 AT_RANDOM bytes; random by default. */
    public InitialStack random(byte[] sixteenBytes) {
        if (sixteenBytes.length != 16) {
            throw new IllegalArgumentException("AT_RANDOM needs 16 bytes");
        }
        random = sixteenBytes.clone();
        return this;
    }

    /** Maps the stack, writes the layout and returns the initial stack pointer (the address of argc). */
    public long build(ElfImage image, List<String> argv, List<String> envp, String execFn) throws LoadException {
        long bottom = GuestMemory.STACK_TOP - GuestMemory.STACK_SIZE;
        memory.map(bottom, GuestMemory.STACK_SIZE, GuestMemory.READ | GuestMemory.WRITE);

        ByteArrayOutputStream strings = new ByteArrayOutputStream();
        long[] argvOffsets = appendAll(strings, argv);
        long[] envpOffsets = appendAll(strings, envp);
        byte[] execFnBytes = cString(execFn);
        long total = strings.size() + execFnBytes.length;
        if (total > MAX_STRINGS) {
            throw new LoadException(execFn + ": argument list too long");
        }

        long p = GuestMemory.STACK_TOP - 8;
        p -= execFnBytes.length;
        long execFnAddress = p;
        memory.initialize(p, execFnBytes, 0, execFnBytes.length);
        p -= strings.size();
        long stringsAddress = p;
        memory.initialize(p, strings.toByteArray(), 0, strings.size());

        p &= -16L;
        long platformAddress = 0;
        if (platform != null) {
            byte[] bytes = cString(platform);
            p -= bytes.length;
            platformAddress = p;
            memory.initialize(p, bytes, 0, bytes.length);
        }
        byte[] randomBytes = random != null ? random : randomBytes();
        p -= 16;
        long randomAddress = p;
        memory.initialize(p, randomBytes, 0, 16);

        long[] auxv = {
            AT_HWCAP, hwcap,
            AT_PAGESZ, GuestMemory.PAGE_SIZE,
            AT_CLKTCK, 100,
            AT_PHDR, image.phdr(),
            AT_PHENT, image.phent(),
            AT_PHNUM, image.phnum(),
            AT_BASE, interpreterBase,
            AT_FLAGS, 0,
            AT_ENTRY, image.entry(),
            AT_UID, uid,
            AT_EUID, euid,
            AT_GID, gid,
            AT_EGID, egid,
            AT_SECURE, 0,
            AT_RANDOM, randomAddress,
            AT_EXECFN, execFnAddress,
        };
        int auxWords = auxv.length + (platform != null ? 2 : 0) + 2;
        int words = 1 + argv.size() + 1 + envp.size() + 1 + auxWords;
        long sp = (p - 8L * words) & -16L;

        ByteBuffer table = ByteBuffer.allocate(8 * words).order(ByteOrder.LITTLE_ENDIAN);
        table.putLong(argv.size());
        for (long offset : argvOffsets) {
            table.putLong(stringsAddress + offset);
        }
        table.putLong(0);
        for (long offset : envpOffsets) {
            table.putLong(stringsAddress + offset);
        }
        table.putLong(0);
        for (long word : auxv) {
            table.putLong(word);
        }
        if (platform != null) {
            table.putLong(AT_PLATFORM).putLong(platformAddress);
        }
        table.putLong(AT_NULL).putLong(0);
        memory.initialize(sp, table.array(), 0, table.capacity());
        return sp;
    }

    private static long[] appendAll(ByteArrayOutputStream out, List<String> strings) {
        long[] offsets = new long[strings.size()];
        for (int i = 0; i < offsets.length; i++) {
            offsets[i] = out.size();
            out.writeBytes(cString(strings.get(i)));
        }
        return offsets;
    }

    private static byte[] cString(String s) {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        byte[] bytes = new byte[utf8.length + 1];
        System.arraycopy(utf8, 0, bytes, 0, utf8.length);
        return bytes;
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[16];
        ThreadLocalRandom.current().nextBytes(bytes);
        return bytes;
    }
}
