//! Memory helpers shared by the readers and the engine.

/// Vectors of at least this many bytes are faulted in before they are filled
/// ([`prefault`]).
const PREFAULT_BYTES: usize = 8 << 20;

/// Fault in the pages of `v`'s spare capacity, on every core, before it is filled: a
/// million-line file's segments take 300 MB of fresh memory, and the kernel maps it in
/// about a quarter less time when asked for whole ranges (`MADV_POPULATE_WRITE`) than page
/// by page as the segments are written. Nothing changes but the time: where the kernel
/// does not know the request (before Linux 5.14) or on other systems, nothing happens.
pub(crate) fn prefault<T: Send>(v: &mut Vec<T>) {
    prefault_spare(v.spare_capacity_mut());
}

/// [`prefault`] of part of a vector's spare capacity (the part about to be filled).
pub(crate) fn prefault_spare<T: Send>(spare: &mut [std::mem::MaybeUninit<T>]) {
    #[cfg(target_os = "linux")]
    {
        use rayon::prelude::*;
        const PAGE: usize = 4096;
        let bytes = std::mem::size_of_val(spare);
        if bytes < PREFAULT_BYTES {
            return;
        }
        let base = spare.as_mut_ptr().cast::<u8>();
        // The whole pages inside the spare capacity, in one run per thread.
        let skip = base.align_offset(PAGE).min(bytes);
        let len = (bytes - skip) / PAGE * PAGE;
        let threads = rayon::current_num_threads().max(1);
        let step = len.div_ceil(threads).div_ceil(PAGE) * PAGE;
        let base = base as usize + skip;
        (0..threads).into_par_iter().for_each(|k| {
            let start = (k * step).min(len);
            let end = ((k + 1) * step).min(len);
            if start < end {
                // SAFETY: `start..end` lies inside the vector's allocation (its spare
                // capacity, page-aligned), which nothing reads or writes during the call;
                // MADV_POPULATE_WRITE only maps its pages in, as writing a byte to each
                // would, and leaves what they hold (unspecified: spare capacity) alone.
                unsafe {
                    libc::madvise(
                        (base + start) as *mut libc::c_void,
                        end - start,
                        libc::MADV_POPULATE_WRITE,
                    );
                }
            }
        });
    }
    #[cfg(not(target_os = "linux"))]
    let _ = spare;
}

#[cfg(test)]
mod tests {
    use super::*;
    use rayon::prelude::*;

    /// A vector faulted in ahead is filled in place (no reallocation) with what a plain
    /// vector gets.
    #[test]
    fn prefaulted_vectors_fill_like_plain_ones() {
        let n = 100_000; // 24 MB of 240-byte items: above the threshold
        let fill = |v: &mut Vec<[u64; 30]>| {
            (0..n)
                .into_par_iter()
                .map(|i| [i as u64; 30])
                .collect_into_vec(v)
        };
        let mut faulted = Vec::with_capacity(n);
        let at = faulted.as_ptr();
        prefault(&mut faulted);
        assert!(faulted.is_empty());
        fill(&mut faulted);
        assert_eq!(faulted.as_ptr(), at);
        let mut plain = Vec::new();
        fill(&mut plain);
        assert!(faulted == plain);
        // Small and empty vectors are left alone.
        let mut small: Vec<u8> = Vec::with_capacity(100);
        prefault(&mut small);
        prefault(&mut Vec::<u8>::new());
        assert!(small.is_empty());
    }
}
