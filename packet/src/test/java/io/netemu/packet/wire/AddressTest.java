package io.netemu.packet.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class AddressTest {
    @Test
    void macAddressParsesFormatsAndClassifies() {
        MacAddress a = MacAddress.parse("02:00:00:00:00:0A");
        assertEquals(0x02_00_00_00_00_0aL, a.value());
        assertEquals("02:00:00:00:00:0a", a.toString());
        assertTrue(a.isUnicast() && a.isLocal() && !a.isMulticast() && !a.isBroadcast());
        assertEquals("ff:ff:ff:ff:ff:ff", MacAddress.BROADCAST.toString());
        assertTrue(MacAddress.BROADCAST.isBroadcast() && MacAddress.BROADCAST.isMulticast());
        assertTrue(MacAddress.parse("01:00:5e:00:00:01").isMulticast());
        assertEquals("00:00:00:00:00:00", MacAddress.ZERO.toString());
        for (String bad : new String[] {"", "02:00:00:00:00", "02:00:00:00:00:0g", "02-00-00-00-00-0a",
                "02:00:00:00:00:0a:", " 2:00:00:00:00:0a", "002:00:00:00:00:0"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MacAddress.parse(bad));
            assertTrue(e.getMessage().contains("MAC"), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> MacAddress.parse(null));
        assertThrows(IllegalArgumentException.class, () -> new MacAddress(1L << 48));
    }

    @Test
    void macAddressReadsAndWritesSixBytes() {
        byte[] b = new byte[8];
        MacAddress.parse("12:34:56:78:9a:bc").write(b, 1);
        assertEquals(0, b[0]);
        assertEquals((byte) 0x12, b[1]);
        assertEquals((byte) 0xbc, b[6]);
        assertEquals(0, b[7]);
        assertEquals(MacAddress.parse("12:34:56:78:9a:bc"), MacAddress.read(b, 1));
    }

    @Test
    void ipv4AddressParsesStrictDottedQuads() {
        assertEquals(0x0a000001, Ipv4Address.parse("10.0.0.1"));
        assertEquals(-1, Ipv4Address.parse("255.255.255.255"));
        assertEquals(0, Ipv4Address.parse("0.0.0.0"));
        assertEquals("192.168.100.254", Ipv4Address.format(Ipv4Address.parse("192.168.100.254")));
        assertEquals("255.255.255.255", Ipv4Address.format(-1));
        for (String bad : new String[] {"", "10.0.0", "10.0.0.1.", "10.0.0.256", "10.0.0.01", "10..0.1",
                "a.b.c.d", " 10.0.0.1", "10.0.0.1 ", "+1.0.0.1", "10.0.0.1.2", "1000.0.0.1", "10.0.0.-1"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Ipv4Address.parse(bad));
            assertTrue(e.getMessage().contains("IPv4"), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> Ipv4Address.parse(null));
    }

    @Test
    void ipv4AddressClassesAndMasks() {
        assertTrue(Ipv4Address.isMulticast(Ipv4Address.parse("224.0.0.1")));
        assertTrue(Ipv4Address.isMulticast(Ipv4Address.parse("239.255.255.255")));
        assertFalse(Ipv4Address.isMulticast(Ipv4Address.parse("240.0.0.1")));
        assertTrue(Ipv4Address.isLoopback(Ipv4Address.parse("127.0.0.53")));
        assertFalse(Ipv4Address.isLoopback(Ipv4Address.parse("128.0.0.1")));
        assertTrue(Ipv4Address.isBroadcast(Ipv4Address.parse("255.255.255.255")));
        assertFalse(Ipv4Address.isBroadcast(Ipv4Address.parse("10.0.1.255")));
        assertTrue(Ipv4Address.isLinkLocal(Ipv4Address.parse("169.254.1.1")));
        assertEquals(0, Ipv4Address.mask(0));
        assertEquals(0xffffff00, Ipv4Address.mask(24));
        assertEquals(0x80000000, Ipv4Address.mask(1));
        assertEquals(-1, Ipv4Address.mask(32));
        assertThrows(IllegalArgumentException.class, () -> Ipv4Address.mask(33));
        byte[] b = new byte[4];
        Ipv4Address.write(b, 0, 0x0a000102);
        assertEquals(0x0a000102, Ipv4Address.read(b, 0));
        assertEquals(10, b[0]);
    }

    @Test
    void ipv4CidrParsesAndComputesNetworks() {
        Ipv4Cidr c = Ipv4Cidr.parse("10.0.1.2/24");
        assertEquals(new Ipv4Cidr(0x0a000102, 24), c);
        assertEquals("10.0.1.2/24", c.toString());
        assertEquals(0x0a000100, c.network());
        assertEquals(0x0a0001ff, c.broadcast());
        assertEquals(0xffffff00, c.netmask());
        assertEquals("10.0.1.0/24", c.prefix().toString());
        assertTrue(c.contains(Ipv4Address.parse("10.0.1.200")));
        assertFalse(c.contains(Ipv4Address.parse("10.0.2.2")));
        assertEquals(new Ipv4Cidr(0x0a000102, 32), Ipv4Cidr.parse("10.0.1.2"));
        Ipv4Cidr any = Ipv4Cidr.parse("0.0.0.0/0");
        assertTrue(any.contains(-1) && any.contains(0));
        assertEquals(-1, any.broadcast());
        for (String bad : new String[] {"10.0.1.2/33", "10.0.1.2/", "10.0.1.2/-1", "10.0.1.2/024", "10.0.1/24",
                "10.0.1.2/2 4", "/24"}) {
            assertThrows(IllegalArgumentException.class, () -> Ipv4Cidr.parse(bad), bad);
        }
    }

    @Test
    void protocolNumbersKeepUnknownValues() {
        assertEquals("IPv4", EtherType.IPV4.toString());
        assertEquals("ARP", new EtherType(0x0806).toString());
        assertEquals("IPv6", EtherType.IPV6.toString());
        assertEquals("VLAN", EtherType.VLAN.toString());
        assertEquals("0x88cc", new EtherType(0x88cc).toString());
        assertEquals(EtherType.ARP, new EtherType(0x0806));
        assertEquals("ICMP", IpProtocol.ICMP.toString());
        assertEquals("TCP", new IpProtocol(6).toString());
        assertEquals("UDP", IpProtocol.UDP.toString());
        assertEquals("132", new IpProtocol(132).toString());
        assertEquals(132, new IpProtocol(132).value());
        assertThrows(IllegalArgumentException.class, () -> new IpProtocol(256));
        assertThrows(IllegalArgumentException.class, () -> new EtherType(0x10000));
    }
}
