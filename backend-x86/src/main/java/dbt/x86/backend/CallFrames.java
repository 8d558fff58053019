package dbt.x86.backend;

/**
 * The return-address stack of translated code is the host's own stack, so that the host's return predictor
 * predicts guest returns. A guest call (the ISA description's {@code flow call} or {@code indirect_call}) pushes a
 * frame and makes a host {@code call} to the code that jumps to the callee; the host return address is the call's
 * continuation, which drops the frame and jumps to the code at the guest return address. A guest return
 * ({@code flow return}) whose target is the guest return address its frame holds is a host {@code ret}; any other
 * is an indirect jump like any other, and leaves the frame where it is.
 *
 * <p>Frame layout, from rsp inside the callee: the host return address, the {@link #SPILL_SLOTS} spill slots of
 * the blocks that run in it (every block's spill slots are at rsp + {@link #SLOTS}, at any depth), and the guest
 * return address at {@link #GUEST_RETURN}. The caller lowers rsp by {@link #PUSHED} and stores the guest return
 * address before its {@code call}; the continuation raises it again.
 *
 * <p>Invariants: (1) a {@code ret} is taken only when the guest's target equals the frame's guest return address,
 * and the continuation goes to exactly that address, so a frame that is stale (longjmp, a thread that called and
 * never returned) never changes where the guest goes; (2) the entry stub's frame (depth 0) holds {@link #NO_RETURN},
 * which no guest target equals, so no {@code ret} leaves translated code; (3) a call pushes a frame only while rsp
 * is above the limit the entry stub leaves in the state ({@link #MAX_DEPTH} frames below its own), else it is a
 * plain jump; (4) every exit to the dispatcher drops all frames (the exit stub restores rsp from the state), so no
 * frame outlives the code generation its continuation belongs to.
 */
public final class CallFrames {
    public static final int SPILL_SLOTS = 32;
    /** Offset of the first spill slot from rsp. */
    public static final int SLOTS = 8;
    /** Offset of the frame's guest return address from rsp. */
    public static final int GUEST_RETURN = SLOTS + 8 * SPILL_SLOTS;
    /** What a call lowers rsp by before its host call (which pushes 8 more): a frame is 16-byte aligned. */
    public static final int PUSHED = GUEST_RETURN;
    public static final int FRAME = PUSHED + 8;
    public static final int MAX_DEPTH = 1024;
    /** The guest return address of the entry stub's frame: odd, and outside any guest window. */
    public static final long NO_RETURN = -1;

    private CallFrames() {}
}
