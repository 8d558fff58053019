package dbt.runtime.linux;

/**
 * The Linux system calls of the {@code linux} system-call convention an ISA description declares
 * ({@code abi linux { ... }}): the numbers of the asm-generic table, which every architecture without a legacy table
 * of its own uses (RISC-V, AArch64, LoongArch, ...), and their names for {@code --strace} and warnings. Which
 * registers carry a call is the description's business ({@link dbt.isa.model.Abi}), not this class's.
 */
public final class LinuxSyscallTable {
    public static final int SYS_GETCWD = 17;
    public static final int SYS_DUP = 23;
    public static final int SYS_DUP3 = 24;
    public static final int SYS_FCNTL = 25;
    public static final int SYS_IOCTL = 29;
    public static final int SYS_MKDIRAT = 34;
    public static final int SYS_UNLINKAT = 35;
    public static final int SYS_FTRUNCATE = 46;
    public static final int SYS_FACCESSAT = 48;
    public static final int SYS_CHDIR = 49;
    public static final int SYS_FCHDIR = 50;
    public static final int SYS_OPENAT = 56;
    public static final int SYS_CLOSE = 57;
    public static final int SYS_PIPE2 = 59;
    public static final int SYS_GETDENTS64 = 61;
    public static final int SYS_LSEEK = 62;
    public static final int SYS_READ = 63;
    public static final int SYS_WRITE = 64;
    public static final int SYS_READV = 65;
    public static final int SYS_WRITEV = 66;
    public static final int SYS_PREAD64 = 67;
    public static final int SYS_PWRITE64 = 68;
    public static final int SYS_READLINKAT = 78;
    public static final int SYS_NEWFSTATAT = 79;
    public static final int SYS_FSTAT = 80;
    public static final int SYS_EXIT = 93;
    public static final int SYS_EXIT_GROUP = 94;
    public static final int SYS_SET_TID_ADDRESS = 96;
    public static final int SYS_FUTEX = 98;
    public static final int SYS_GET_ROBUST_LIST = 100;
    public static final int SYS_SET_ROBUST_LIST = 99;
    public static final int SYS_NANOSLEEP = 101;
    public static final int SYS_CLOCK_GETTIME = 113;
    public static final int SYS_CLOCK_GETRES = 114;
    public static final int SYS_CLOCK_NANOSLEEP = 115;
    public static final int SYS_GETITIMER = 102;
    public static final int SYS_SETITIMER = 103;
    public static final int SYS_TIMER_CREATE = 107;
    public static final int SYS_TIMER_GETTIME = 108;
    public static final int SYS_TIMER_GETOVERRUN = 109;
    public static final int SYS_TIMER_SETTIME = 110;
    public static final int SYS_TIMER_DELETE = 111;
    public static final int SYS_PPOLL = 73;
    public static final int SYS_RT_SIGSUSPEND = 133;
    public static final int SYS_RT_SIGPENDING = 136;
    public static final int SYS_RT_SIGTIMEDWAIT = 137;
    public static final int SYS_RT_SIGQUEUEINFO = 138;
    public static final int SYS_RT_SIGRETURN = 139;
    public static final int SYS_RT_TGSIGQUEUEINFO = 240;
    public static final int SYS_SCHED_SETAFFINITY = 122;
    public static final int SYS_SCHED_GETAFFINITY = 123;
    public static final int SYS_SCHED_YIELD = 124;
    public static final int SYS_KILL = 129;
    public static final int SYS_TKILL = 130;
    public static final int SYS_TGKILL = 131;
    public static final int SYS_SIGALTSTACK = 132;
    public static final int SYS_RT_SIGACTION = 134;
    public static final int SYS_RT_SIGPROCMASK = 135;
    public static final int SYS_TIMES = 153;
    public static final int SYS_UNAME = 160;
    public static final int SYS_GETRLIMIT = 163;
    public static final int SYS_SETRLIMIT = 164;
    public static final int SYS_GETRUSAGE = 165;
    public static final int SYS_UMASK = 166;
    public static final int SYS_GETTIMEOFDAY = 169;
    public static final int SYS_GETPID = 172;
    public static final int SYS_GETPPID = 173;
    public static final int SYS_GETUID = 174;
    public static final int SYS_GETEUID = 175;
    public static final int SYS_GETGID = 176;
    public static final int SYS_GETEGID = 177;
    public static final int SYS_GETTID = 178;
    public static final int SYS_SYSINFO = 179;
    public static final int SYS_BRK = 214;
    public static final int SYS_MUNMAP = 215;
    public static final int SYS_MREMAP = 216;
    public static final int SYS_WAITID = 95;
    public static final int SYS_SETPGID = 154;
    public static final int SYS_GETPGID = 155;
    public static final int SYS_GETSID = 156;
    public static final int SYS_SETSID = 157;
    public static final int SYS_CLONE = 220;
    public static final int SYS_EXECVE = 221;
    public static final int SYS_WAIT4 = 260;
    public static final int SYS_MMAP = 222;
    public static final int SYS_MPROTECT = 226;
    public static final int SYS_MSYNC = 227;
    public static final int SYS_MLOCK = 228;
    public static final int SYS_MUNLOCK = 229;
    public static final int SYS_MLOCKALL = 230;
    public static final int SYS_MUNLOCKALL = 231;
    public static final int SYS_MINCORE = 232;
    public static final int SYS_MADVISE = 233;
    public static final int SYS_RISCV_HWPROBE = 258;
    public static final int SYS_RISCV_FLUSH_ICACHE = 259;
    public static final int SYS_PRLIMIT64 = 261;
    public static final int SYS_RENAMEAT2 = 276;
    public static final int SYS_GETRANDOM = 278;
    public static final int SYS_MEMFD_CREATE = 279;
    public static final int SYS_STATX = 291;
    public static final int SYS_RSEQ = 293;
    public static final int SYS_CLONE3 = 435;
    public static final int SYS_FACCESSAT2 = 439;
    public static final int SYS_EVENTFD2 = 19;
    public static final int SYS_EPOLL_CREATE1 = 20;
    public static final int SYS_EPOLL_CTL = 21;
    public static final int SYS_EPOLL_PWAIT = 22;
    public static final int SYS_FLOCK = 32;
    public static final int SYS_SYMLINKAT = 36;
    public static final int SYS_LINKAT = 37;
    public static final int SYS_STATFS = 43;
    public static final int SYS_FSTATFS = 44;
    public static final int SYS_TRUNCATE = 45;
    public static final int SYS_FALLOCATE = 47;
    public static final int SYS_FCHMOD = 52;
    public static final int SYS_FCHMODAT = 53;
    public static final int SYS_FCHOWNAT = 54;
    public static final int SYS_FCHOWN = 55;
    public static final int SYS_PREADV = 69;
    public static final int SYS_PWRITEV = 70;
    public static final int SYS_SENDFILE = 71;
    public static final int SYS_PSELECT6 = 72;
    public static final int SYS_SPLICE = 76;
    public static final int SYS_SYNC = 81;
    public static final int SYS_FSYNC = 82;
    public static final int SYS_FDATASYNC = 83;
    public static final int SYS_TIMERFD_CREATE = 85;
    public static final int SYS_TIMERFD_SETTIME = 86;
    public static final int SYS_TIMERFD_GETTIME = 87;
    public static final int SYS_UTIMENSAT = 88;
    public static final int SYS_SETPRIORITY = 140;
    public static final int SYS_GETPRIORITY = 141;
    public static final int SYS_GETRESUID = 148;
    public static final int SYS_GETRESGID = 150;
    public static final int SYS_GETGROUPS = 158;
    public static final int SYS_PRCTL = 167;
    public static final int SYS_SOCKET = 198;
    public static final int SYS_SOCKETPAIR = 199;
    public static final int SYS_BIND = 200;
    public static final int SYS_LISTEN = 201;
    public static final int SYS_ACCEPT = 202;
    public static final int SYS_CONNECT = 203;
    public static final int SYS_GETSOCKNAME = 204;
    public static final int SYS_GETPEERNAME = 205;
    public static final int SYS_SENDTO = 206;
    public static final int SYS_RECVFROM = 207;
    public static final int SYS_SETSOCKOPT = 208;
    public static final int SYS_GETSOCKOPT = 209;
    public static final int SYS_SHUTDOWN = 210;
    public static final int SYS_SENDMSG = 211;
    public static final int SYS_RECVMSG = 212;
    public static final int SYS_FADVISE64 = 223;
    public static final int SYS_ACCEPT4 = 242;
    public static final int SYS_SYNCFS = 267;
    public static final int SYS_MEMBARRIER = 283;
    public static final int SYS_COPY_FILE_RANGE = 285;
    public static final int SYS_EPOLL_PWAIT2 = 441;

    /**
     * The calls Linux makes again after a handler installed with SA_RESTART interrupted them (signal(7)): reads and
     * writes, ioctl, open, futex waits, waits for children, locks, socket calls, and sendfile and splice (which wait
     * on pipes and sockets as reads and writes do). The others (poll, select, epoll waits, sleeps, sigsuspend, ...)
     * return EINTR whatever the handler's flags.
     */
    public static boolean restartable(long number) {
        // fcntl, ioctl, flock, openat, read, write, readv, writev, pread64, pwrite64, preadv, pwritev, sendfile,
        // splice, waitid, futex, accept, connect, sendto, recvfrom, sendmsg, recvmsg, accept4, wait4
        return switch ((int) number) {
            case 25, 29, 32, 56, 63, 64, 65, 66, 67, 68, 69, 70, 71, 76, 95, 98, 202, 203, 206, 207, 211, 212, 242,
                 260 -> true;
            default -> false;
        };
    }

    /**
     * Number and name of every system call in the asm-generic table (include/uapi/asm-generic/unistd.h) as RV64
     * Linux builds it; 258 and 259 are RISC-V's own calls in the architecture-specific range.
     */
    private static final String SYSCALL_TABLE = """
            0 io_setup 1 io_destroy 2 io_submit 3 io_cancel 4 io_getevents 5 setxattr 6 lsetxattr 7 fsetxattr 8 getxattr
            9 lgetxattr 10 fgetxattr 11 listxattr 12 llistxattr 13 flistxattr 14 removexattr 15 lremovexattr
            16 fremovexattr 17 getcwd 18 lookup_dcookie 19 eventfd2 20 epoll_create1 21 epoll_ctl 22 epoll_pwait 23 dup
            24 dup3 25 fcntl 26 inotify_init1 27 inotify_add_watch 28 inotify_rm_watch 29 ioctl 30 ioprio_set
            31 ioprio_get 32 flock 33 mknodat 34 mkdirat 35 unlinkat 36 symlinkat 37 linkat 39 umount2 40 mount
            41 pivot_root 42 nfsservctl 43 statfs 44 fstatfs 45 truncate 46 ftruncate 47 fallocate 48 faccessat 49 chdir
            50 fchdir 51 chroot 52 fchmod 53 fchmodat 54 fchownat 55 fchown 56 openat 57 close 58 vhangup 59 pipe2
            60 quotactl 61 getdents64 62 lseek 63 read 64 write 65 readv 66 writev 67 pread64 68 pwrite64 69 preadv
            70 pwritev 71 sendfile 72 pselect6 73 ppoll 74 signalfd4 75 vmsplice 76 splice 77 tee 78 readlinkat
            79 newfstatat 80 fstat 81 sync 82 fsync 83 fdatasync 84 sync_file_range 85 timerfd_create 86 timerfd_settime
            87 timerfd_gettime 88 utimensat 89 acct 90 capget 91 capset 92 personality 93 exit 94 exit_group 95 waitid
            96 set_tid_address 97 unshare 98 futex 99 set_robust_list 100 get_robust_list 101 nanosleep 102 getitimer
            103 setitimer 104 kexec_load 105 init_module 106 delete_module 107 timer_create 108 timer_gettime
            109 timer_getoverrun 110 timer_settime 111 timer_delete 112 clock_settime 113 clock_gettime 114 clock_getres
            115 clock_nanosleep 116 syslog 117 ptrace 118 sched_setparam 119 sched_setscheduler 120 sched_getscheduler
            121 sched_getparam 122 sched_setaffinity 123 sched_getaffinity 124 sched_yield 125 sched_get_priority_max
            126 sched_get_priority_min 127 sched_rr_get_interval 128 restart_syscall 129 kill 130 tkill 131 tgkill
            132 sigaltstack 133 rt_sigsuspend 134 rt_sigaction 135 rt_sigprocmask 136 rt_sigpending 137 rt_sigtimedwait
            138 rt_sigqueueinfo 139 rt_sigreturn 140 setpriority 141 getpriority 142 reboot 143 setregid 144 setgid
            145 setreuid 146 setuid 147 setresuid 148 getresuid 149 setresgid 150 getresgid 151 setfsuid 152 setfsgid
            153 times 154 setpgid 155 getpgid 156 getsid 157 setsid 158 getgroups 159 setgroups 160 uname
            161 sethostname 162 setdomainname 163 getrlimit 164 setrlimit 165 getrusage 166 umask 167 prctl 168 getcpu
            169 gettimeofday 170 settimeofday 171 adjtimex 172 getpid 173 getppid 174 getuid 175 geteuid 176 getgid
            177 getegid 178 gettid 179 sysinfo 180 mq_open 181 mq_unlink 182 mq_timedsend 183 mq_timedreceive
            184 mq_notify 185 mq_getsetattr 186 msgget 187 msgctl 188 msgrcv 189 msgsnd 190 semget 191 semctl
            192 semtimedop 193 semop 194 shmget 195 shmctl 196 shmat 197 shmdt 198 socket 199 socketpair 200 bind
            201 listen 202 accept 203 connect 204 getsockname 205 getpeername 206 sendto 207 recvfrom 208 setsockopt
            209 getsockopt 210 shutdown 211 sendmsg 212 recvmsg 213 readahead 214 brk 215 munmap 216 mremap 217 add_key
            218 request_key 219 keyctl 220 clone 221 execve 222 mmap 223 fadvise64 224 swapon 225 swapoff 226 mprotect
            227 msync 228 mlock 229 munlock 230 mlockall 231 munlockall 232 mincore 233 madvise 234 remap_file_pages
            235 mbind 236 get_mempolicy 237 set_mempolicy 238 migrate_pages 239 move_pages 240 rt_tgsigqueueinfo
            241 perf_event_open 242 accept4 243 recvmmsg 258 riscv_hwprobe 259 riscv_flush_icache 260 wait4
            261 prlimit64 262 fanotify_init 263 fanotify_mark 264 name_to_handle_at 265 open_by_handle_at
            266 clock_adjtime 267 syncfs 268 setns 269 sendmmsg 270 process_vm_readv 271 process_vm_writev 272 kcmp
            273 finit_module 274 sched_setattr 275 sched_getattr 276 renameat2 277 seccomp 278 getrandom
            279 memfd_create 280 bpf 281 execveat 282 userfaultfd 283 membarrier 284 mlock2 285 copy_file_range
            286 preadv2 287 pwritev2 288 pkey_mprotect 289 pkey_alloc 290 pkey_free 291 statx 292 io_pgetevents 293 rseq
            294 kexec_file_load 424 pidfd_send_signal 425 io_uring_setup 426 io_uring_enter 427 io_uring_register
            428 open_tree 429 move_mount 430 fsopen 431 fsconfig 432 fsmount 433 fspick 434 pidfd_open 435 clone3
            436 close_range 437 openat2 438 pidfd_getfd 439 faccessat2 440 process_madvise 441 epoll_pwait2
            442 mount_setattr 443 quotactl_fd 444 landlock_create_ruleset 445 landlock_add_rule
            446 landlock_restrict_self 447 memfd_secret 448 process_mrelease 449 futex_waitv 450 set_mempolicy_home_node
            451 cachestat 452 fchmodat2 453 map_shadow_stack 454 futex_wake 455 futex_wait 456 futex_requeue
            457 statmount 458 listmount 459 lsm_get_self_attr 460 lsm_set_self_attr 461 lsm_list_modules 462 mseal
            """;

    private static final String[] SYSCALL_NAMES = parse(SYSCALL_TABLE);

    private LinuxSyscallTable() {
    }

    private static String[] parse(String table) {
        String[] words = table.trim().split("\\s+");
        String[] names = new String[Integer.parseInt(words[words.length - 2]) + 1];
        for (int i = 0; i < words.length; i += 2) {
            names[Integer.parseInt(words[i])] = words[i + 1];
        }
        return names;
    }

    /** The system call's name, or {@code syscall_<n>} for a number Linux does not define. */
    public static String syscallName(long number) {
        String name = number >= 0 && number < SYSCALL_NAMES.length ? SYSCALL_NAMES[(int) number] : null;
        return name != null ? name : "syscall_" + number;
    }
}
