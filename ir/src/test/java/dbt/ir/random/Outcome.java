package dbt.ir.random;

import dbt.ir.GuestFault;
import dbt.ir.IrBlock;
import dbt.ir.IrInterpreter;
import dbt.ir.Op;

/**
 * What running a block on {@link IrInterpreter} from a starting state does, as text: how it ends (the next pc and
 * the kind of exit, or the fault or error and the pc it left) and the machine's whole state after it. Direct,
 * conditional and indirect exits to the same pc are one kind here: a pass may turn one into another (an indirect
 * exit to a constant becomes a direct one), never change where the guest goes.
 */
public final class Outcome {
    private Outcome() {}

    public static String of(IrBlock block, InitialState state) {
        TestMachine m = new TestMachine(state);
        IrInterpreter interpreter = new IrInterpreter(TestMachine.FLOAT_CSRS);
        String end;
        try {
            long next = interpreter.run(block, m);
            end = String.format("%s to 0x%x", kind(interpreter.lastExit), next);
        } catch (GuestFault f) {
            end = f.getMessage();
        } catch (IrInterpreter.MemoryChanged e) {
            end = "memory changed under a compare-and-swap";
        } catch (RuntimeException e) {
            end = e.getClass().getSimpleName() + ": " + e.getMessage();
        }
        return "end: " + end + "\n" + m.describe();
    }

    private static String kind(Op exit) {
        return switch (exit) {
            case EXIT_JUMP, EXIT_BRANCH, EXIT_INDIRECT -> "transfer";
            default -> exit.text;
        };
    }
}
