package dbt.frontend;

import dbt.isa.asm.AssemblyErrors;
import dbt.isa.asm.Image;
import dbt.isa.asm.SourceAssembler;
import dbt.isa.model.IsaModel;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Loads a program for a guest ISA described at run time: assembly source ({@code .s}) is assembled by the
 * {@link SourceAssembler} generated from the description, and the {@link Image}'s segments are mapped into guest
 * memory with their permissions, as {@link ElfLoader} maps an executable's segments (a page two segments share gets
 * both permissions). The break starts at the page after the highest segment. The result is described as an
 * {@link ElfImage} without program headers, so that the initial stack and the dispatcher treat both alike.
 *
 * <p>Every problem the user can cause is a {@link LoadException} (one line starting with the program's name) or, for
 * mistakes in the source, an {@link AssemblyErrors} with a {@code file:line:col: message} per mistake.
 */
public final class ImageLoader {
    private static final long MAX_SOURCE_SIZE = 64L << 20;

    private ImageLoader() {}

    /** Assembles the source file for the described ISA and loads the image. */
    public static ElfImage assemble(IsaModel model, Path source, GuestMemory memory)
            throws LoadException, AssemblyErrors {
        String name = source.toString();
        Image image;
        try {
            if (Files.isDirectory(source)) {
                throw new LoadException(name + ": is a directory");
            }
            if (Files.size(source) > MAX_SOURCE_SIZE) {
                throw new LoadException(name + ": file too large for an assembly source");
            }
            image = new SourceAssembler(model).assemble(source);
        } catch (CharacterCodingException e) {
            throw new LoadException(name + ": not UTF-8 text, so not an assembly source");
        } catch (IOException e) {
            throw LoadException.unreadable(name, e);
        }
        return load(image, name, memory);
    }

    /** Maps the image's segments into memory and copies their bytes in. */
    public static ElfImage load(Image image, String name, GuestMemory memory) throws LoadException {
        if (image.segments().isEmpty()) {
            throw new LoadException(name + ": no code or data to run");
        }
        long low = Long.MAX_VALUE;
        long high = 0;
        for (Image.Segment s : image.segments()) {
            if (s.address() < GuestMemory.LOW_LIMIT || s.end() < s.address() || s.end() > GuestMemory.MMAP_TOP) {
                throw new LoadException(name + ": " + s.name() + " at 0x" + Long.toHexString(s.address())
                        + " does not fit the guest address space (0x" + Long.toHexString(GuestMemory.LOW_LIMIT)
                        + "-0x" + Long.toHexString(GuestMemory.MMAP_TOP) + ")");
            }
            low = Math.min(low, s.address());
            high = Math.max(high, s.end());
        }
        for (Image.Segment s : image.segments()) {
            mapPages(memory, s.address(), s.bytes().length, permissions(s.permissions()));
        }
        for (Image.Segment s : image.segments()) {
            memory.initialize(s.address(), s.bytes(), 0, s.bytes().length);
        }
        memory.setBrkStart(high);
        return new ElfImage(name, image.entry(), 0, 0, 0, 0, low, high, null);
    }

    private static int permissions(int p) {
        return ((p & Image.READ) != 0 ? GuestMemory.READ : 0) | ((p & Image.WRITE) != 0 ? GuestMemory.WRITE : 0)
                | ((p & Image.EXEC) != 0 ? GuestMemory.EXEC : 0);
    }

    /** Maps the pages of a segment; a page another segment already mapped keeps its content and gets both permissions. */
    private static void mapPages(GuestMemory memory, long start, long length, int prot) {
        long first = GuestMemory.pageDown(start);
        long end = GuestMemory.pageUp(start + Math.max(1, length));
        for (long page = first; page < end; page += GuestMemory.PAGE_SIZE) {
            int existing = memory.permissions(page);
            if (existing == 0) {
                memory.map(page, GuestMemory.PAGE_SIZE, prot);
            } else {
                memory.protect(page, GuestMemory.PAGE_SIZE, existing | prot);
            }
        }
    }
}
