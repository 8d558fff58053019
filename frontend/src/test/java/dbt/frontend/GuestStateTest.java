package dbt.frontend;

import org.junit.jupiter.api.Test;

import java.lang.foreign.ValueLayout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class GuestStateTest {
    @Test
    void offsetsFollowTheDocumentedLayout() {
        try (GuestState state = new GuestState(new int[] {32, 32}, 3)) {
            assertEquals(0, state.registerOffset(0, 0));
            assertEquals(8 * 31, state.registerOffset(0, 31));
            assertEquals(256, state.registerOffset(1, 0));
            assertEquals(512, state.pcOffset());
            assertEquals(520, state.reservationOffset());
            assertEquals(528, state.exitReasonOffset());
            assertEquals(536, state.exitInfoOffset());
            assertEquals(544, state.mxcsrOffset());
            assertEquals(552, state.floatScratchOffset());
            assertEquals(560, state.reservedValueOffset());
            assertEquals(568, state.interruptOffset());
            assertEquals(576, state.hostStackOffset());
            assertEquals(592, state.windowSizeOffset());
            assertEquals(GuestMemory.WINDOW_SIZE, state.segment().get(ValueLayout.JAVA_LONG, 592));
            assertEquals(600, state.csrOffset(0));
            assertEquals(616, state.csrOffset(2));
            assertEquals(624, state.size());
            assertEquals(0, state.address() % 64);
            assertThrows(IndexOutOfBoundsException.class, () -> state.registerOffset(0, 32));
            assertThrows(IndexOutOfBoundsException.class, () -> state.csrOffset(3));
        }
    }

    @Test
    void aCopyHasTheRegistersAndCsrsButNoReservation() {
        try (GuestState state = new GuestState(new int[] {32, 32}, 2)) {
            state.setRegister(0, 4, 0x1234);
            state.setRegister(1, 31, -7);
            state.setCsr(1, 0x55);
            state.setPc(0x10000);
            state.setReservation(0x2000);
            try (GuestState copy = state.copy()) {
                assertEquals(0x1234, copy.register(0, 4));
                assertEquals(-7, copy.register(1, 31));
                assertEquals(0x55, copy.csr(1));
                assertEquals(0x10000, copy.pc());
                assertEquals(-1, copy.reservation());
                copy.setRegister(0, 4, 1);
                assertEquals(0x1234, state.register(0, 4), "the copy is separate storage");
            }
        }
    }

    @Test
    void accessorsReadAndWriteTheNativeStruct() {
        try (GuestState state = new GuestState(new int[] {32, 32}, 2)) {
            assertEquals(-1, state.reservation(), "no reservation held initially");
            assertEquals(0, state.pc());
            state.setRegister(0, 10, 42);
            state.setRegister(1, 3, -7);
            state.setPc(0x10078);
            state.setCsr(1, 0x55);
            state.setExitReason(3);
            var s = state.segment();
            assertEquals(42, s.get(ValueLayout.JAVA_LONG, state.registerOffset(0, 10)));
            assertEquals(-7, s.get(ValueLayout.JAVA_LONG, state.registerOffset(1, 3)));
            assertEquals(0x10078, s.get(ValueLayout.JAVA_LONG, state.pcOffset()));
            assertEquals(0x55, s.get(ValueLayout.JAVA_LONG, state.csrOffset(1)));
            assertEquals(3, s.get(ValueLayout.JAVA_LONG, state.exitReasonOffset()));
            GuestMemory memory = new GuestMemory();
            GuestMachine machine = new GuestMachine(state, memory);
            assertEquals(42, machine.register(0, 10));
            machine.setReservation(0x1000);
            assertEquals(0x1000, state.reservation());
            memory.close();
        }
    }
}
