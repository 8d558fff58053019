package dbt.runtime.translate;

import dbt.frontend.GuestState;
import dbt.ir.FloatCsrs;
import dbt.isa.model.Csr;
import dbt.isa.model.IsaModel;
import dbt.x86.backend.Mxcsr;

/**
 * The guest's floating-point state as translated code holds it: in the host's MXCSR, whose image the state keeps
 * between entries (see {@link EntryStub}). Before each entry the image gets the rounding control of the guest's
 * dynamic rounding mode and no flags; after each exit the sticky flags that guest code raised are ORed into the
 * guest's float-flags CSR, where the interpreters keep them. Translated code is entered only while the dynamic
 * mode is one x86 has (nearest-even, toward zero, down, up): otherwise the interpreter runs the guest (it rounds
 * to nearest-max-magnitude, and makes a reserved mode an illegal instruction where one is used).
 */
final class FloatState {
    private final GuestState state;
    private final Csr flags;
    private final Csr rounding;
    private final FloatCsrs csrs;

    FloatState(IsaModel model, GuestState state) {
        this.state = state;
        this.csrs = model.floatCsrs();
        this.flags = model.csrWithRole(Csr.Role.FLOAT_FLAGS);
        this.rounding = model.csrWithRole(Csr.Role.FLOAT_ROUNDING);
    }

    /** Where the float CSRs are, for the IR interpreter. */
    FloatCsrs csrs() {
        return csrs;
    }

    private long dynamicMode() {
        return rounding == null ? 0 : rounding.read(state.csr(rounding.slot()));
    }

    /** The MXCSR image to enter translated code with, or -1 when MXCSR cannot hold the dynamic rounding mode. */
    int guestMxcsr() {
        long mode = dynamicMode();
        return Mxcsr.hasMode(mode) ? Mxcsr.MASKED | Mxcsr.roundingControl(mode) : -1;
    }

    /** ORs the IEEE flags among an MXCSR image's sticky bits into the flags CSR. */
    void accrueHostFlags(int mxcsr) {
        int ieee = Mxcsr.ieeeFlags(mxcsr);
        if (ieee == 0 || flags == null) {
            return;
        }
        long slot = state.csr(flags.slot());
        state.setCsr(flags.slot(), flags.write(slot, flags.read(slot) | ieee));
    }
}
