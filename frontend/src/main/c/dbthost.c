/*
 * libdbthost: dbt's two ways out of Java into the host, as JNI native methods.
 *
 *   HostSyscall.call(number, a..f)   a raw x86-64 Linux system call; the kernel's result: a value or -errno
 *   HostCode.call(code, a, b, c, d)  calls the machine code at code with four arguments (SysV), returns rax
 *
 * JNI and not an FFM downcall: on a cold JVM, creating the first FFM downcall handle costs about 25 ms (the
 * linker spins classes for it); loading this library and linking both methods costs under 1 ms, and a call is a
 * plain native call. No libc (built with -nostdlib): the system call is the instruction itself, so errno is never
 * involved and the result already carries the error.
 */

typedef long jlong;

jlong Java_dbt_frontend_HostSyscall_call(void *env, void *cls, jlong number, jlong a, jlong b, jlong c, jlong d,
        jlong e, jlong f) {
    (void) env;
    (void) cls;
    jlong result;
    register jlong r10 __asm__("r10") = d;
    register jlong r8 __asm__("r8") = e;
    register jlong r9 __asm__("r9") = f;
    __asm__ volatile("syscall"
            : "=a"(result)
            : "a"(number), "D"(a), "S"(b), "d"(c), "r"(r10), "r"(r8), "r"(r9)
            : "rcx", "r11", "memory");
    return result;
}

jlong Java_dbt_frontend_HostCode_call(void *env, void *cls, jlong code, jlong a, jlong b, jlong c, jlong d) {
    (void) env;
    (void) cls;
    return ((jlong (*)(jlong, jlong, jlong, jlong)) code)(a, b, c, d);
}
