//! Keyboard focus on X servers without a window manager.
//!
//! A window manager normally gives a new window the keyboard focus. On a bare X server
//! (a kiosk, a classroom projector machine, a virtual display) nobody does, and winit
//! ignores key presses until its window has been focused: arrow keys and presentation
//! clickers would do nothing. When no window manager is running, frise takes the focus
//! itself, once, as a window manager would.

use raw_window_handle::{HasWindowHandle, RawWindowHandle};

/// The X11 window id behind an eframe window, if it is an X11 window.
pub fn window_id(handle: &dyn HasWindowHandle) -> Option<u32> {
    match handle.window_handle().ok()?.as_raw() {
        RawWindowHandle::Xlib(h) => u32::try_from(h.window).ok(),
        RawWindowHandle::Xcb(h) => Some(h.window.get()),
        _ => None,
    }
}

/// Gives `window` the keyboard focus if no window manager runs. Returns whether it did.
#[cfg(target_os = "linux")]
pub fn focus_without_window_manager(window: u32) -> Result<bool, String> {
    use x11rb::connection::Connection as _;
    use x11rb::protocol::xproto::{AtomEnum, ConnectionExt as _, InputFocus};

    let err = |e: &dyn std::fmt::Display| e.to_string();
    let (conn, screen) = x11rb::connect(None).map_err(|e| err(&e))?;
    let root = conn.setup().roots.get(screen).ok_or("no X screen")?.root;
    let check = conn
        .intern_atom(true, b"_NET_SUPPORTING_WM_CHECK")
        .map_err(|e| err(&e))?
        .reply()
        .map_err(|e| err(&e))?
        .atom;
    if check != 0 {
        let wm = conn
            .get_property(false, root, check, AtomEnum::WINDOW, 0, 1)
            .map_err(|e| err(&e))?
            .reply()
            .map_err(|e| err(&e))?;
        if wm.value_len > 0 {
            return Ok(false);
        }
    }
    conn.set_input_focus(InputFocus::POINTER_ROOT, window, x11rb::CURRENT_TIME)
        .map_err(|e| err(&e))?
        .check()
        .map_err(|e| err(&e))?;
    Ok(true)
}

#[cfg(not(target_os = "linux"))]
pub fn focus_without_window_manager(_window: u32) -> Result<bool, String> {
    Ok(false)
}
