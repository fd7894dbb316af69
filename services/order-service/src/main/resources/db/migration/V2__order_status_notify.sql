-- Tells order-service's WatchOrder streams that an order's status changed: one NOTIFY per new order or status
-- change, with the order id as payload. PostgreSQL delivers it only when the transaction commits, so a watcher
-- never sees a status that was rolled back, and every replica listening sees every order's changes.
CREATE FUNCTION notify_order_status_changed() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'INSERT' OR NEW.status IS DISTINCT FROM OLD.status THEN
        PERFORM pg_notify('shopflow_order_status', NEW.id::text);
    END IF;
    RETURN NEW;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER orders_status_changed AFTER INSERT OR UPDATE ON orders
    FOR EACH ROW EXECUTE FUNCTION notify_order_status_changed();
