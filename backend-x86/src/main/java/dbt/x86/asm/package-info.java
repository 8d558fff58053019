/**
 * The x86-64 assembler the backend emits host code with.
 *
 * <ul>
 *   <li>Operands: {@link dbt.x86.asm.Gp} (a register at a width), {@link dbt.x86.asm.Xmm} (an SSE register),
 *       {@link dbt.x86.asm.Mem}, {@link dbt.x86.asm.Label}, {@link dbt.x86.asm.Cond}; immediates are {@code int} or
 *       {@code long} parameters.</li>
 *   <li>{@link dbt.x86.asm.Assembler}: one public method per legal form; it delegates to one encoder per family
 *       ({@code AluEncoder}, {@code MoveEncoder}, {@code UnaryEncoder}, {@code MultiplyEncoder}, {@code ShiftEncoder},
 *       {@code ConditionalEncoder}, {@code ExchangeEncoder}, {@code JumpEncoder}, {@code PaddingEncoder}, and for
 *       scalar floating point {@code SseEncoder} and {@code FmaEncoder}), which share the prefix/REX/VEX/ModRM/SIB
 *       layout in {@code OperandEncoder}.</li>
 *   <li>{@link dbt.x86.asm.CodeBuffer} holds the bytes; {@code FixupTable} the label uses and absolute targets that
 *       {@link dbt.x86.asm.Assembler#finish(long)} resolves into an {@link dbt.x86.asm.AssembledCode}, with the
 *       {@link dbt.x86.asm.PatchSite}s of jumps the code cache will retarget.</li>
 *   <li>On request ({@code new Assembler(true)}), a listing of what was emitted ({@link dbt.x86.asm.ListingEntry}):
 *       each instruction's offset, length and text as {@code objdump -d -M intel} prints it, formatted in one place,
 *       {@code Listing}; the objdump property test holds the listing to objdump's text.</li>
 * </ul>
 *
 * <p>Encodings follow GNU as byte for byte where several are legal; the tests check every form against it and,
 * for random programs, against objdump.
 */
package dbt.x86.asm;
