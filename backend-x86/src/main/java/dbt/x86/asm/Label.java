package dbt.x86.asm;

/**
 * A position in the code of one {@link Assembler}, created by {@link Assembler#newLabel()} and bound once by
 * {@link Assembler#bind(Label)}. Jumps and RIP-relative operands may refer to it before it is bound; those uses
 * are kept as fixups and resolved by {@link Assembler#finish(long)}.
 */
public final class Label {
    static final int UNBOUND = -1;

    /** The assembler that created this label; a label cannot be used by another one. */
    final Object owner;
    private final int id;
    private int offset = UNBOUND;

    Label(Object owner, int id) {
        this.owner = owner;
        this.id = id;
    }

    public boolean isBound() {
        return offset != UNBOUND;
    }

    /** The offset this label is bound to, from the start of the code. */
    public int offset() {
        if (!isBound()) {
            throw new IllegalStateException(this + " is not bound");
        }
        return offset;
    }

    void bindAt(int newOffset) {
        if (isBound()) {
            throw new IllegalStateException(this + " is already bound at offset " + offset);
        }
        offset = newOffset;
    }

    @Override
    public String toString() {
        return "L" + id;
    }
}
