# umk.py - gdb helpers for umk kernel developers.
#   umk-ps      the kernel's task list (pid, state, name, stack)
#   umk-dmesg   the printk ring buffer
import gdb

STATES = {0: "R", 1: "S", 2: "D", 0x40: "X"}


def container_of(ptr, typename, member):
    t = gdb.lookup_type(typename)
    offset = int(gdb.parse_and_eval(
        "(unsigned long)&((%s *)0)->%s" % (typename, member)))
    return (ptr.cast(gdb.lookup_type("char").pointer()) -
            offset).cast(t.pointer())


def list_entries(head, typename, member):
    """Yields the entries of a struct list_head list."""
    node = head["next"]
    while node != head.address:
        yield container_of(node, typename, member)
        node = node["next"]


class UmkPs(gdb.Command):
    """List the kernel's tasks: umk-ps"""

    def __init__(self):
        super().__init__("umk-ps", gdb.COMMAND_DATA)

    def invoke(self, arg, from_tty):
        head = gdb.parse_and_eval("task_list")
        cur = gdb.parse_and_eval("current_task")
        gdb.write("%5s %-2s %-16s %-18s %s\n" %
                  ("PID", "ST", "COMM", "TASK", "STACK"))
        for t in list_entries(head, "struct task_struct", "tasks"):
            state = STATES.get(int(t["state"]), hex(int(t["state"])))
            mark = "*" if t == cur else " "
            gdb.write("%5d %-2s %-16s %-18s %s%s\n" % (
                int(t["pid"]), state, t["comm"].string(), hex(int(t)),
                hex(int(t["stack"])), mark))


class UmkDmesg(gdb.Command):
    """Print the kernel log buffer: umk-dmesg"""

    def __init__(self):
        super().__init__("umk-dmesg", gdb.COMMAND_DATA)

    def invoke(self, arg, from_tty):
        buf = gdb.parse_and_eval("log_buf")
        size = int(buf.type.sizeof)
        mem = bytes(gdb.selected_inferior().read_memory(buf.address, size))
        head = int(gdb.parse_and_eval("log_head"))
        first = int(gdb.parse_and_eval("log_first_seq"))
        nxt = int(gdb.parse_and_eval("log_next_seq"))
        hdr = int(gdb.parse_and_eval("sizeof(struct log_rec)"))
        off = head
        for _ in range(first, nxt):
            length = int.from_bytes(mem[off + 16:off + 18], "little")
            if length == 0xffff:
                off = 0
                length = int.from_bytes(mem[16:18], "little")
            ts = int.from_bytes(mem[off + 8:off + 16], "little", signed=True)
            text = mem[off + hdr:off + hdr + length].decode("utf-8", "replace")
            gdb.write("[%5d.%06d] %s\n" % (ts // 10**9, ts % 10**9 // 1000,
                                           text))
            off += (hdr + length + 7) & ~7
            if off + hdr > size:
                off = 0


UmkPs()
UmkDmesg()
