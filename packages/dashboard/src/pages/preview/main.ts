// the preview frame: built by the widget page
