/** jlaplace autodiff. */
package org.jlaplace.autodiff;
