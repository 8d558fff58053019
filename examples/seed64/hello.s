# hello.s: writes a greeting with the write system call and exits with status 0.
#
#     ./dbt run --isa isa/seed64/seed64.isa examples/seed64/hello.s

        .equ    SYS_WRITE, 64
        .equ    SYS_EXIT, 93
        .equ    STDOUT, 1

        .text
        .global _start
_start:
        mov:sd  $STDOUT, r1             # write(STDOUT, message, LENGTH)
        mov:sd  $message, r2
        mov:sd  $LENGTH, r3
        mov:sd  $SYS_WRITE, r7
        sys
        mov:sd  $0, r1                  # exit(0)
        mov:sd  $SYS_EXIT, r7
        sys

        .data
message:
        .ascii  "Hello from seed64!\n"
        .equ    LENGTH, . - message
