/* SPDX-License-Identifier: MIT */
/* COM1 as a mirror of the screen, for logs and tests. Many PCs have no COM1 (or one the BIOS
 * disabled), so: only the port the BIOS data area names (0x400), only when its scratch
 * register and line status answer like a UART, every wait for the transmitter bounded, and
 * a port that stops taking bytes is given up for the rest of the run. Output never blocks. */
#include "bios.h"

#include "x86io.h"

#define BDA_COM1 0x400
#define THR 0
#define IER 1
#define FCR 2
#define LCR 3
#define MCR 4
#define LSR 5
#define SCR 7
#define LSR_THRE 0x20
/* A byte takes 87 us at 115200 baud and 1 ms at 9600; an I/O read about 1 us. */
#define WAIT_READS 20000u

static uint16_t port;
static bool alive;

void serial_init(void)
{
	uint16_t p = bios_peek16(BDA_COM1);
	alive = false;
	if (p == 0 || p == 0xFFFF)
		return;
	fw_outb((uint16_t)(p + SCR), 0x5A);
	if (fw_inb((uint16_t)(p + SCR)) != 0x5A)
		return;
	fw_outb((uint16_t)(p + SCR), 0xA5);
	if (fw_inb((uint16_t)(p + SCR)) != 0xA5 || fw_inb((uint16_t)(p + LSR)) == 0xFF)
		return;
	/* Keep the speed the BIOS set (console redirection may use the port); 115200 when none. */
	fw_outb((uint16_t)(p + IER), 0x00);
	fw_outb((uint16_t)(p + LCR), 0x80);
	uint16_t div = (uint16_t)(fw_inb(p) | fw_inb((uint16_t)(p + 1)) << 8);
	if (div == 0) {
		fw_outb(p, 1);
		fw_outb((uint16_t)(p + 1), 0);
	}
	fw_outb((uint16_t)(p + LCR), 0x03);  /* 8N1 */
	fw_outb((uint16_t)(p + FCR), 0x07);  /* FIFOs on and cleared */
	fw_outb((uint16_t)(p + MCR), 0x03);  /* DTR, RTS */
	port = p;
	alive = true;
}

bool serial_present(void)
{
	return alive;
}

static void put(char c)
{
	unsigned i = 0;
	while (!(fw_inb((uint16_t)(port + LSR)) & LSR_THRE))
		if (++i == WAIT_READS) {
			alive = false; /* nobody takes bytes: stop trying */
			return;
		}
	fw_outb((uint16_t)(port + THR), (uint8_t)c);
}

void serial_write(const char *s, size_t n)
{
	for (size_t i = 0; i < n && alive; i++) {
		if (s[i] == '\n')
			put('\r');
		if (alive)
			put(s[i]);
	}
}
