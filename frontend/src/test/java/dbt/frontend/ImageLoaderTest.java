package dbt.frontend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dbt.isa.asm.AssemblyErrors;
import dbt.isa.asm.Image;
import dbt.isa.check.IsaLoader;
import dbt.isa.model.IsaModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Images made by the source assembler go into guest memory with their bytes and permissions. */
class ImageLoaderTest {
    @Test
    void segmentsAreMappedWithTheirPermissionsAndBytes() throws Exception {
        Image image = new Image(List.of(
                new Image.Segment(".text", 0x10000, new byte[] {1, 2, 3, 4}, Image.READ | Image.EXEC),
                new Image.Segment(".data", 0x20010, new byte[] {5, 6}, Image.READ | Image.WRITE)), 0x10000, Map.of());
        try (GuestMemory memory = new GuestMemory()) {
            ElfImage loaded = ImageLoader.load(image, "p.s", memory);
            assertEquals(0x10000, loaded.entry());
            assertEquals(0x10000, loaded.lowAddress());
            assertEquals(0x20012, loaded.highAddress());
            assertEquals(GuestMemory.MAPPED | GuestMemory.READ | GuestMemory.EXEC, memory.permissions(0x10000));
            assertEquals(GuestMemory.MAPPED | GuestMemory.READ | GuestMemory.WRITE, memory.permissions(0x20000));
            assertEquals(0x04030201L, memory.load(0x10000, 4));
            assertEquals(0x0605L, memory.load(0x20010, 2));
            assertEquals(0x21000, memory.brk(), "the break starts on the page after the image");
        }
    }

    @Test
    void aPageTwoSegmentsShareGetsBothPermissions() throws Exception {
        Image image = new Image(List.of(
                new Image.Segment(".text", 0x10000, new byte[] {1}, Image.READ | Image.EXEC),
                new Image.Segment(".data", 0x10800, new byte[] {2}, Image.READ | Image.WRITE)), 0x10000, Map.of());
        try (GuestMemory memory = new GuestMemory()) {
            ImageLoader.load(image, "p.s", memory);
            assertEquals(GuestMemory.MAPPED | GuestMemory.READ | GuestMemory.WRITE | GuestMemory.EXEC,
                    memory.permissions(0x10000));
            assertEquals(1, memory.load(0x10000, 1));
            assertEquals(2, memory.load(0x10800, 1));
        }
    }

    @Test
    void anImageOutsideTheAddressSpaceIsRefused() throws Exception {
        Image image = new Image(List.of(new Image.Segment(".text", 0x1000, new byte[] {1}, Image.READ | Image.EXEC)),
                0x1000, Map.of());
        try (GuestMemory memory = new GuestMemory()) {
            LoadException e = assertThrows(LoadException.class, () -> ImageLoader.load(image, "p.s", memory));
            assertEquals("p.s: .text at 0x1000 does not fit the guest address space (0x10000-0xe0000000)", e.getMessage());
        }
    }

    @Test
    void sourceIsAssembledForTheDescription(@TempDir Path dir) throws Exception {
        IsaModel model = IsaLoader.load(repositoryRoot().resolve("isa/seed64/seed64.isa"));
        Path source = dir.resolve("p.s");
        Files.writeString(source, "_start: sys\n        .data\nd: .quad d\n");
        try (GuestMemory memory = new GuestMemory()) {
            ElfImage loaded = ImageLoader.assemble(model, source, memory);
            assertEquals(0x10000, loaded.entry());
            assertEquals(0x70000000L, memory.load(0x10000, 4));
            assertEquals(0x20000L, memory.load(0x20000, 8));
        }
        Files.writeString(source, "        frob\n");
        try (GuestMemory memory = new GuestMemory()) {
            AssemblyErrors e = assertThrows(AssemblyErrors.class, () -> ImageLoader.assemble(model, source, memory));
            assertEquals(source + ":1:9: unknown instruction 'frob'", e.getMessage());
        }
        try (GuestMemory memory = new GuestMemory()) {
            LoadException e = assertThrows(LoadException.class,
                    () -> ImageLoader.assemble(model, dir.resolve("missing.s"), memory));
            assertTrue(e.getMessage().endsWith("missing.s: no such file or directory"), e.getMessage());
        }
    }

    private static Path repositoryRoot() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("isa/seed64/seed64.isa"))) {
                return p;
            }
        }
        throw new IllegalStateException("no isa/seed64/seed64.isa above the working directory");
    }
}
