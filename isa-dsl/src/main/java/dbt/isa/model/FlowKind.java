package dbt.isa.model;

/** How an instruction passes control on, as the block builder and translator need to know. */
public enum FlowKind {
    NEXT, BRANCH, JUMP, CALL, RETURN, INDIRECT, INDIRECT_CALL, SYSCALL, FENCE, TRAP;

    /** Whether an instruction of this kind ends a basic block. */
    public boolean endsBlock() {
        return this != NEXT;
    }
}
