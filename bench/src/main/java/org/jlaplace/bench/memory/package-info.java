/** Peak-heap estimates from shapes, checked against the JVM's heap before large allocations. */
package org.jlaplace.bench.memory;
